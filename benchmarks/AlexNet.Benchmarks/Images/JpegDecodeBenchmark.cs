using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Benchmarks.Harness;
using AlexNet.Data.Images;
using SkiaSharp;
using static System.FormattableString;

namespace AlexNet.Benchmarks.Images;

/// <summary>
/// Milliseconds per JPEG for each stage of the image-folder decode, on one thread and on two: SkiaSharp's decode,
/// the system's TurboJPEG, the whole decode of <see cref="ImageDecoder"/>, the box decode of
/// <see cref="JpegWindowDecoder"/> (what the loader runs per image), and the resize alone.
/// </summary>
public sealed class JpegDecodeBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "jpeg-decode";

    /// <inheritdoc />
    public string Description => "ms per JPEG per decode stage, 1 and 2 threads (the imagefolder suite's images, or --dir D) [--images 200] [--reps 5]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int reps = SuiteArgs.Int(args, "--reps", 5);
        string? dir = SuiteArgs.Option(args, "--dir");
        string root = dir ?? Path.Combine(Path.GetTempPath(), "alexnet-jpeg-decode-benchmark-" + Guid.NewGuid().ToString("N"));
        try
        {
            if (dir is null)
            {
                ImageFolderBenchmark.WriteFolder(root, SuiteArgs.Int(args, "--images", 200));
            }

            byte[][] files = Directory.GetFiles(root, "*.jpg", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
            output.WriteLine(Invariant($"{files.Length} JPEG files from {(dir ?? "the imagefolder suite's generator")}; TurboJPEG {(TurboJpeg.IsAvailable ? "loaded" : "not installed")}; load {Measure.LoadAverage("n/a")}"));
            var options = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256 };
            var scaled = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256, ScaledJpegDecode = true };
            var box = new PillowBilinear.Window(16, 16, 224, 224);
            var decoded = files.Select(DecodeRgba).ToArray();
            int next = 0;
            var stages = new (string Name, Action<byte[]> Run)[]
            {
                ("SkiaSharp GetPixels, full size RGBA", b => DecodeRgba(b)),
                ("TurboJPEG (system libjpeg-turbo, SIMD), full size RGBA", TurboFull),
                ("ImageDecoder.Decode: decode, resize 256, centre 256, planes", b => ImageDecoder.Decode(b, options)),
                ("JpegWindowDecoder: box 224 of the same", b => JpegWindowDecoder.TryDecode(b, options, box, "x")),
                ("JpegWindowDecoder: box 224, ScaledJpegDecode", b => JpegWindowDecoder.TryDecode(b, scaled, box, "x")),
                ("PillowBilinear: box 224 of the resize to 256 alone (pixels in memory)", _ => ResizeBox(decoded[Interlocked(ref next) % decoded.Length])),
            };
            var rows = new List<IReadOnlyList<string>>();
            foreach (var (name, run) in stages)
            {
                double one = Measure.MedianSeconds(() => { foreach (byte[] b in files) { run(b); } }, 1, reps);
                double two = Measure.MedianSeconds(() => Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = 2 }, run), 1, reps);
                rows.Add(new[] { name, Invariant($"{one / files.Length * 1000:F2}"), Invariant($"{two / files.Length * 1000:F2}") });
            }

            output.WriteLine(Measure.Table(new[] { "stage", "ms per image, 1 thread", "wall ms per image, 2 threads" }, rows));
            return 0;
        }
        finally
        {
            if (dir is null && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static int Interlocked(ref int counter) => System.Threading.Interlocked.Increment(ref counter);

    private static (byte[] Pixels, int Width, int Height) DecodeRgba(byte[] encoded)
    {
        using var codec = SKCodec.Create(SKData.CreateCopy(encoded));
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        codec.GetPixels(info, bitmap.GetPixels());
        return (bitmap.Bytes, info.Width, info.Height);
    }

    private static void TurboFull(byte[] encoded)
    {
        if (!TurboJpeg.IsAvailable)
        {
            return;
        }

        using var codec = SKCodec.Create(SKData.CreateCopy(encoded));
        byte[] buffer = ArrayPool<byte>.Shared.Rent(codec.Info.Width * codec.Info.Height * 4);
        TurboJpeg.TryDecode(encoded, codec.Info.Width, codec.Info.Height, buffer);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private static unsafe void ResizeBox((byte[] Pixels, int Width, int Height) image)
    {
        var (pixels, w, h) = image;
        (int tw, int th) = w <= h ? (256, (int)(256.0 * h / w)) : ((int)(256.0 * w / h), 256);
        byte[] result = ArrayPool<byte>.Shared.Rent(224 * 224 * 4);
        fixed (byte* p = pixels)
        {
            var whole = new PillowBilinear.Window(0, 0, w, h);
            PillowBilinear.ResizeInto(p, whole, w, h, w * 4, 4, tw, th, new PillowBilinear.Window(((tw - 256) / 2) + 16, ((th - 256) / 2) + 16, 224, 224), result.AsSpan(0, 224 * 224 * 4));
        }

        ArrayPool<byte>.Shared.Return(result);
    }
}
