using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Benchmarks.Harness;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using SkiaSharp;

namespace AlexNet.Benchmarks.Images;

/// <summary>
/// Images per second from a folder of JPEG photographs-like files (decode, resize the shorter side to 256, crop, random
/// 224 crop, flip, ToFloat, Normalize), next to torchvision's ImageFolder + PIL with 2 workers on the same folder in the
/// same run (benchmarks/peers/torchvision_imagefolder.py with Debian's /usr/bin/python3).
/// </summary>
public sealed class ImageFolderBenchmark : IBenchmarkSuite
{
    /// <inheritdoc />
    public string Name => "imagefolder";

    /// <inheritdoc />
    public string Description => "JPEG folder -> resize 256, random crop 224, flip, normalize: img/s vs torchvision ImageFolder+PIL (2 workers) [--images N] [--batch N] [--epochs N]";

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        int images = SuiteArgs.Int(args, "--images", 1280);
        int batch = SuiteArgs.Int(args, "--batch", 64);
        int epochs = SuiteArgs.Int(args, "--epochs", 2);
        string root = Path.Combine(Path.GetTempPath(), "alexnet-imagefolder-benchmark-" + Guid.NewGuid().ToString("N"));
        try
        {
            long bytes = WriteFolder(root, images);
            output.WriteLine($"{images:N0} JPEG files (quality 90, 400-640 x 300-480 pixels, {bytes / 1e6:N1} MB) in 10 class folders; load average {Measure.LoadAverage("n/a")}");
            var rows = new List<IReadOnlyList<string>>();
            var decode = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256 };
            EvaluationPreprocessing imageNet = KnownWeights.ImageNet.Preprocessing;
            var pipeline = ImageTransforms.Compose(
                ImageTransforms.RandomCrop(224), ImageTransforms.RandomHorizontalFlip(0.5), ImageTransforms.ToFloat(),
                ImageTransforms.Normalize(imageNet.Mean, imageNet.Std));
            var dataset = ImageFolder.Scan(root, new ImageFolderOptions { Decode = decode });
            using var transformed = new DataLoader(dataset, new DataLoaderOptions { BatchSize = batch, DropLast = true }, pipeline);
            using var wholeBatch = new DataLoader(dataset, new DataLoaderOptions { BatchSize = batch, DropLast = true }, new WholeBatchTransform(pipeline));
            using var decodeOnly = new DataLoader(dataset, new DataLoaderOptions { BatchSize = batch, DropLast = true });
            string threads = Environment.ProcessorCount + " decode threads";
            rows.Add(Row(
                "AlexNet.Data DataLoader over an ImageFolder: each JPEG decoded straight into its RandomCrop 224 box of the resize 256 + centre 256 "
                + $"({(TurboJpeg.IsAvailable ? "system TurboJPEG" : "SkiaSharp")}, parallel), flip, ToFloat, Normalize while copying into the batch; prefetch",
                batch,
                threads,
                BestRate(transformed, epochs)));
            rows.Add(Row(
                "same, the pipeline applied to the decoded 256 x 256 batch (the path before per-image copying)",
                batch,
                threads,
                BestRate(wholeBatch, epochs)));
            rows.Add(Row("same, decode only (no batch transform)", batch, threads, BestRate(decodeOnly, epochs)));
            var scaledDecode = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256, ScaledJpegDecode = true };
            var scaledDataset = ImageFolder.Scan(root, new ImageFolderOptions { Decode = scaledDecode });
            using var scaled = new DataLoader(scaledDataset, new DataLoaderOptions { BatchSize = batch, DropLast = true }, pipeline);
            rows.Add(Row(
                "first row with ScaledJpegDecode (opt-in: JPEG decoded at the smallest n/8 scale keeping 256; approximate)",
                batch,
                threads,
                BestRate(scaled, epochs)));
            string peer = RunPeer(root, batch, epochs);
            output.WriteLine();
            output.WriteLine(Measure.Table(["pipeline", "batch", "parallelism", "img/s"], rows));
            output.WriteLine();
            output.WriteLine("peer: " + peer);
            output.WriteLine($"load average at end: {Measure.LoadAverage("n/a")}");
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IReadOnlyList<string> Row(string what, int batch, string parallelism, double rate) =>
        [what, batch.ToString(System.Globalization.CultureInfo.InvariantCulture), parallelism, Measure.Rate(rate)];

    /// <summary>The best epoch's images per second, counted after the first batch of each epoch (as the peer does).</summary>
    private static double BestRate(IBatchSource loader, int epochs)
    {
        double best = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            long count = 0;
            long start = 0;
            bool first = true;
            foreach (Batch b in loader.GetBatches(epoch))
            {
                using (b)
                {
                    if (first)
                    {
                        first = false;
                        start = Stopwatch.GetTimestamp();
                        continue;
                    }

                    count += b.Images.shape[0];
                }
            }

            best = Math.Max(best, count / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }

    private static string RunPeer(string root, int batch, int epochs)
    {
        string script = FindUp(Path.Combine("benchmarks", "peers", "torchvision_imagefolder.py"));
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { script, "--root", root, "--batch", batch.ToString(System.Globalization.CultureInfo.InvariantCulture), "--workers", "2", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? stdout.Trim() : $"failed (exit {process.ExitCode}): {stderr.Trim().Split('\n').LastOrDefault()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"not run: /usr/bin/python3 unavailable ({e.Message}); install python3-torchvision (build/setup-debian.sh)";
        }
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above the working or program directory.");
    }

    /// <summary>
    /// Writes <paramref name="count"/> photograph-like JPEGs (smooth colour gradients, a few shapes, mild noise) of
    /// ImageNet-like sizes into 10 class folders; returns the bytes written.
    /// </summary>
    internal static long WriteFolder(string root, int count)
    {
        long total = 0;
        Parallel.For(0, count, i =>
        {
            var random = new Random(2012 + i);
            int width = random.Next(400, 641), height = random.Next(300, 481);
            using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
            SKCanvas canvas = surface.Canvas;
            using (var paint = new SKPaint())
            {
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), new[] { RandomColor(random), RandomColor(random), RandomColor(random) }, SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, width, height, paint);
            }

            using (var paint = new SKPaint { IsAntialias = true })
            {
                for (int s = 0; s < 12; s++)
                {
                    paint.Color = RandomColor(random).WithAlpha((byte)random.Next(80, 255));
                    canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(10, 120), paint);
                }
            }

            using SKImage snapshot = surface.Snapshot();
            using var bitmap = SKBitmap.FromImage(snapshot);
            for (int n = 0; n < width * height / 20; n++)
            {
                int x = random.Next(width), y = random.Next(height);
                SKColor c = bitmap.GetPixel(x, y);
                int d = random.Next(-24, 25);
                bitmap.SetPixel(x, y, new SKColor(Clamp(c.Red + d), Clamp(c.Green + d), Clamp(c.Blue + d)));
            }

            using SKData jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            string folder = Path.Combine(root, $"class{i % 10}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D6}.jpg"), jpeg.ToArray());
            System.Threading.Interlocked.Add(ref total, jpeg.Size);
        });
        return total;
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}
