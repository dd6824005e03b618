using System;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Data.Images;

// Usage: AlexNet.ImageDecodeProbe FILE SHORTER_SIDE|- CROP|- MAX_PIXELS|default|none
// Decodes FILE with those ImageDecodeOptions and prints one line: "decoded C H W" or "refused PROBLEM", then
// "peak-rss-kb N" (VmHWM) and "managed-allocated-bytes N". Exit 0 for both outcomes; 3 when another exception escapes.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: AlexNet.ImageDecodeProbe FILE SHORTER_SIDE|- CROP|- MAX_PIXELS|default|none");
    return 2;
}

static int? Optional(string text) => text == "-" ? null : int.Parse(text, CultureInfo.InvariantCulture);

var options = new ImageDecodeOptions { ShorterSide = Optional(args[1]), CenterCrop = Optional(args[2]) };
if (args[3] != "default")
{
    options.MaxImagePixels = args[3] == "none" ? null : long.Parse(args[3], CultureInfo.InvariantCulture);
}

int exit = 0;
try
{
    var folderOptions = new ImageFolderOptions { Decode = options };
    string folder = Path.Combine(Path.GetTempPath(), "probe-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(Path.Combine(folder, "x"));
    try
    {
        File.Copy(args[0], Path.Combine(folder, "x", Path.GetFileName(args[0])));
        ImageFolder dataset = ImageFolder.Scan(folder, folderOptions);
        using var loaded = dataset.LoadIntoMemory(long.MaxValue);
        Console.WriteLine(FormattableString.Invariant($"decoded {string.Join(' ', loaded.Images.shape.Skip(1))}"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}
catch (ImageDecodeException e)
{
    Console.WriteLine("refused " + e.Problem);
}
catch (Exception e)
{
    Console.WriteLine($"escaped {e.GetType().FullName}: {e.Message}");
    exit = 3;
}

string hwm = File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) ?? "VmHWM: 0 kB";
Console.WriteLine("peak-rss-kb " + hwm.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
Console.WriteLine(FormattableString.Invariant($"managed-allocated-bytes {GC.GetTotalAllocatedBytes(precise: true)}"));
return exit;
