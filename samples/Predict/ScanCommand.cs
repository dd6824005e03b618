using System.CommandLine;
using AlexNet.Data.Images;
using AlexNet.Samples.Common.Cli;

namespace AlexNet.Samples;

/// <summary>
/// <c>scan FOLDER</c>: what TransferLearning would see in an image folder: its classes with their image counts, the
/// files it ignores (other extensions, files outside the class folders) and, after decoding every image, the files it
/// cannot read with the reason. Exits 0 when every image decodes, 1 otherwise.
/// </summary>
internal static class ScanCommand
{
    private const int Listed = 20;

    public static Command Create(TextWriter output)
    {
        var folder = new Argument<string>("FOLDER") { Description = "The image folder: one sub-folder per class." };
        folder.Validators.Add(result =>
        {
            string path = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!Directory.Exists(path))
            {
                result.AddError(File.Exists(path) ? $"FOLDER: {path} is a file; name an image folder." : $"FOLDER: the folder {path} does not exist.");
            }
        });
        var noDecode = new Option<bool>("--no-decode") { Description = "List classes and files only; do not decode each image to find unreadable ones." };
        var command = new Command("scan", "Lists an image folder's classes with their image counts, ignored files and unreadable images.") { folder, noDecode };
        command.SetAction(parsed => Scan(parsed.GetValue(folder)!, !parsed.GetValue(noDecode), output));
        return command;
    }

    private static int Scan(string root, bool decode, TextWriter output)
    {
        var options = new ImageFolderOptions();
        ImageFolder set = ImageFolder.Scan(root, options);
        output.WriteLine($"{set.Root}: {set.Count:N0} image files in {set.Classes.Count} classes ({string.Join(" ", options.Extensions)}).");
        int width = Math.Max(5, set.Classes.Max(c => c.Length));
        output.WriteLine($"  {"class".PadRight(width)}  {"images",8}");
        var counts = set.Files.GroupBy(f => f.Label).ToDictionary(g => g.Key, g => g.Count());
        for (int label = 0; label < set.Classes.Count; label++)
        {
            output.WriteLine($"  {set.Classes[label].PadRight(width)}  {counts.GetValueOrDefault(label),8:N0}");
        }

        string[] beside = Directory.EnumerateFiles(set.Root).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        long ignoredCount = set.IgnoredFileCount + beside.Length;
        output.WriteLine($"Ignored: {ignoredCount:N0} file(s) with another extension or outside the class folders.");
        List(beside.Concat(set.IgnoredFiles).ToArray(), output, ignoredCount);
        if (!decode)
        {
            return SampleCommandLine.Success;
        }

        // Decode every file as TransferLearning would (small, to be quick), leaving out and listing what cannot be read.
        var probe = new ImageFolderOptions { SkipUnreadable = true, Decode = new ImageDecodeOptions { ShorterSide = 32, CenterCrop = 32 } };
        ImageFolder checkedSet = ImageFolder.Scan(root, probe);
        for (int start = 0; start < checkedSet.Count; start += 32)
        {
            long[] indices = Enumerable.Range(start, Math.Min(32, checkedSet.Count - start)).Select(i => (long)i).ToArray();
            (TorchSharp.torch.Tensor images, TorchSharp.torch.Tensor labels) = checkedSet.ReadBatch(indices);
            images.Dispose();
            labels.Dispose();
        }

        string[] unreadable = checkedSet.Unreadable.Select(u => $"{u.Path}: {u.Reason}").ToArray();
        string hint = unreadable.Length > 0 ? " (TransferLearning stops at them unless --skip-unreadable)" : string.Empty;
        output.WriteLine($"Unreadable: {unreadable.Length:N0} of {set.Count:N0} image files{hint}.");
        List(unreadable, output);
        return unreadable.Length == 0 ? SampleCommandLine.Success : SampleCommandLine.Failure;
    }

    private static void List(IReadOnlyList<string> lines, TextWriter output, long? total = null)
    {
        foreach (string line in lines.Take(Listed))
        {
            output.WriteLine($"  {line}");
        }

        long count = total ?? lines.Count;
        if (count > Listed)
        {
            output.WriteLine($"  ... and {count - Listed:N0} more");
        }
    }
}
