using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using AlexNet.Data.Images;
using SkiaSharp;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// The decoder's resize against Pillow's (what torchvision's <c>Resize</c> does to PIL images), run by Debian's
/// /usr/bin/python3 on the same files. Skipped, with the reason, where PIL is not installed.
/// </summary>
public sealed class PillowResizeParityTests
{
    /// <summary>A theory skipped, with the reason, where /usr/bin/python3 cannot import PIL.</summary>
    private sealed class PillowTheoryAttribute : TheoryAttribute
    {
        public PillowTheoryAttribute()
        {
            if (!PillowAvailable(out string why))
            {
                Skip = why;
            }
        }
    }

    [PillowTheory]
    [InlineData(SKEncodedImageFormat.Png, 64, 0)]
    [InlineData(SKEncodedImageFormat.Png, 37, 0)]
    [InlineData(SKEncodedImageFormat.Jpeg, 64, 3)]
    public void Resizing_the_shorter_side_gives_Pillows_bilinear_pixels(SKEncodedImageFormat format, int side, int tolerance)
    {
        using var dir = new TempDirectory();
        string path = dir.File("image." + (format == SKEncodedImageFormat.Png ? "png" : "jpg"));
        File.WriteAllBytes(path, Photo(160, 120, format));
        DecodedImage ours = ImageDecoder.Decode(path, new ImageDecodeOptions { ShorterSide = side });

        string raw = dir.File("pil.raw");
        string script = $"from PIL import Image\nim = Image.open('{path}').convert('RGB')\nw, h = im.size\ns = {side}\nsize = (s, int(s * h / w)) if w <= h else (int(s * w / h), s)\nopen('{raw}', 'wb').write(im.resize(size, Image.BILINEAR).tobytes())\nprint(size[0], size[1])";
        string[] size = Python(script).Split(' ');
        int width = int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture), height = int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture);
        byte[] pil = File.ReadAllBytes(raw);

        (ours.Height, ours.Width).Should().Be((height, width));
        int worst = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int theirs = pil[(((y * width) + x) * 3) + c];
                    int mine = ours.Pixels[(((c * height) + y) * width) + x];
                    worst = Math.Max(worst, Math.Abs(theirs - mine));
                }
            }
        }

        worst.Should().BeLessThanOrEqualTo(tolerance, "PNG decodes identically, so the resize must be Pillow's exactly; JPEG decoders may round differently");
    }

    private static byte[] Photo(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var random = new Random(3);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)((x * 255 / width) ^ random.Next(40)), (byte)(y * 255 / height), (byte)random.Next(256)));
            }
        }

        using var data = bitmap.Encode(format, 92);
        return data.ToArray();
    }

    private static bool PillowAvailable(out string why)
    {
        try
        {
            Python("import PIL; print(PIL.__version__)");
            why = string.Empty;
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            why = $"/usr/bin/python3 with PIL is not available ({e.Message}); install python3-pil (build/setup-debian.sh)";
            return false;
        }
    }

    private static string Python(string script)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"python exited {process.ExitCode}: {error.Trim()}");
    }
}
