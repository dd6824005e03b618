using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Loads a CIFAR binary dataset from its unpacked folder or, streaming and without unpacking to disk, from its
/// official .tar.gz archive.
/// </summary>
internal static class CifarDatasetLoader
{
    /// <summary>Class-name files are a few hundred bytes; anything far larger is not one.</summary>
    private const int MaxNamesFileLength = 1 << 16;

    public static ImageDataset Load(CifarDefinition definition, string path, DatasetSplit split, int labelByte, DatasetLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = DatasetLoadOptionsValidator.ThrowIfInvalid(options);
        if (File.Exists(path))
        {
            return LoadArchive(definition, path, split, labelByte, options);
        }

        if (Directory.Exists(path) && IsFolder(definition, path))
        {
            return LoadFolder(definition, path, split, labelByte, options);
        }

        string folder = Path.Combine(path, definition.FolderName);
        if (Directory.Exists(folder))
        {
            return LoadFolder(definition, folder, split, labelByte, options);
        }

        string archive = Path.Combine(path, definition.Archive.FileName);
        DatasetAccessException.ThrowIfDirectory(archive);
        if (!File.Exists(archive))
        {
            if (!options.Download)
            {
                throw new DatasetNotFoundException(path, [definition.FolderName + "/", definition.Archive.FileName], definition.HowToGet);
            }

            DatasetDownloader.DownloadDataset([definition.Archive], path, definition.OfficialBaseUrl, options);
        }

        return LoadArchive(definition, archive, split, labelByte, options);
    }

    public static ImageDataset LoadFolder(CifarDefinition definition, string folder, DatasetSplit split, int labelByte, DatasetLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        DatasetLoadOptionsValidator.ThrowIfInvalid(options);
        IReadOnlyList<string> names = definition.FilesOf(split);
        string[] paths = names.Select(n => Path.Combine(folder, n)).ToArray();
        Array.ForEach(paths, DatasetAccessException.ThrowIfDirectory);
        string[] missing = names.Where((_, i) => !File.Exists(paths[i])).ToArray();
        if (missing.Length > 0)
        {
            throw new DatasetNotFoundException(folder, missing, definition.HowToGet);
        }

        long[] counts = paths.Select(p => CifarRecordReader.CountRecords(definition, p, new FileInfo(p).Length)).ToArray();
        long total = counts.Sum();
        if (total > CifarDefinition.KnownRecords(split))
        {
            throw TooManyRecords(definition, folder, "record count", total, CifarDefinition.KnownRecords(split));
        }

        Tensor images = empty([total, 3, 32, 32], ScalarType.Byte);
        try
        {
            long[] labels = new long[total];
            Span<byte> pixels = images.bytes;
            long first = 0;
            for (int i = 0; i < paths.Length; i++)
            {
                using DatasetFileReader file = DatasetFileReader.Open(paths[i], checksum: null);
                if (file.IsGzip)
                {
                    throw new DatasetFormatException(paths[i], 0, "record file", "uncompressed CIFAR records", "a gzip file");
                }

                CifarRecordReader.Read(file.Content, paths[i], counts[i], definition, labelByte,
                    pixels.Slice(checked((int)(first * CifarDefinition.PixelBytes)), checked((int)(counts[i] * CifarDefinition.PixelBytes))),
                    labels.AsSpan((int)first, (int)counts[i]));
                first += counts[i];
            }

            IReadOnlyList<string> classes = ReadNamesFile(definition.LabelBytes[labelByte], folder);
            return Create(definition, split, images, labels, classes);
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    public static ImageDataset LoadArchive(CifarDefinition definition, string archive, DatasetSplit split, int labelByte, DatasetLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(archive);
        options = DatasetLoadOptionsValidator.ThrowIfInvalid(options);
        CifarLabelByte label = definition.LabelBytes[labelByte];
        string[] wanted = definition.FilesOf(split).Select(f => $"{definition.FolderName}/{f}").ToArray();
        string namesMember = $"{definition.FolderName}/{label.NamesFile}";
        var parts = new Dictionary<string, (Tensor Images, long[] Labels)>(StringComparer.Ordinal);
        IReadOnlyList<string>? classes = null;
        var seen = new List<string>();
        try
        {
            using DatasetFileReader file = DatasetFileReader.Open(archive, options.VerifyChecksums ? definition.Archive : null);
            using (var tar = new TarReader(file.Content, leaveOpen: true))
            {
                while ((parts.Count < wanted.Length || classes is null) && NextEntry(tar, file) is TarEntry entry)
                {
                    string name = Normalise(entry.Name);
                    seen.Add(name);
                    string source = $"{archive} (member {name})";
                    if (Array.IndexOf(wanted, name) >= 0 && !parts.ContainsKey(name))
                    {
                        long room = CifarDefinition.KnownRecords(split) - parts.Values.Sum(p => p.Labels.LongLength);
                        parts[name] = ReadMember(definition, entry, file, source, labelByte, room);
                    }
                    else if (name == namesMember && classes is null)
                    {
                        classes = ParseNames(label, source, ReadText(entry, file, source));
                    }
                }
            }

            string[] missing = wanted.Where(w => !parts.ContainsKey(w)).ToArray();
            if (missing.Length > 0)
            {
                throw new DatasetFormatException(
                    archive,
                    null,
                    "archive members",
                    $"the members {string.Join(", ", wanted)}",
                    seen.Count == 0 ? "no members" : $"no {string.Join(", ", missing)} among {seen.Count} members ({string.Join(", ", seen.Take(12))}{(seen.Count > 12 ? ", ..." : string.Empty)})");
            }

            file.VerifyChecksum();

            Tensor images = wanted.Length == 1 ? parts[wanted[0]].Images.alias() : cat(wanted.Select(w => parts[w].Images).ToList(), 0);
            try
            {
                return Create(definition, split, images, wanted.SelectMany(w => parts[w].Labels).ToArray(), classes ?? label.DefaultNames);
            }
            catch
            {
                images.Dispose();
                throw;
            }
        }
        finally
        {
            foreach ((Tensor images, _) in parts.Values)
            {
                images.Dispose();
            }
        }
    }

    /// <summary>True when <paramref name="directory"/> itself holds record or class-name files (it is the unpacked folder).</summary>
    private static bool IsFolder(CifarDefinition definition, string directory) =>
        definition.TrainFiles.Concat(definition.TestFiles).Concat(definition.LabelBytes.Select(l => l.NamesFile))
            .Any(name => File.Exists(Path.Combine(directory, name)));

    /// <summary>The dataset; the callers dispose <paramref name="images"/> on failure too (disposing a tensor twice is harmless).</summary>
    private static ImageDataset Create(CifarDefinition definition, DatasetSplit split, Tensor images, long[] labels, IReadOnlyList<string> classes) =>
        ImageDataset.Create(images, tensor(labels, ScalarType.Int64), classes, definition.Name, split);

    private static (Tensor Images, long[] Labels) ReadMember(CifarDefinition definition, TarEntry entry, DatasetFileReader file, string source, int labelByte, long room)
    {
        long count = CifarRecordReader.CountRecords(definition, source, entry.Length);
        if (count > room)
        {
            throw TooManyRecords(definition, source, "member length", count, room);
        }

        if (entry.Length > file.MaxContentLength || entry.DataStream is null)
        {
            throw new DatasetFormatException(source, null, "member length", string.Create(CultureInfo.InvariantCulture, $"at most {file.MaxContentLength:N0} bytes (the most the archive can hold)"), string.Create(CultureInfo.InvariantCulture, $"{entry.Length:N0} bytes"));
        }

        Tensor images = empty([count, 3, 32, 32], ScalarType.Byte);
        try
        {
            long[] labels = new long[count];
            CifarRecordReader.Read(entry.DataStream, source, count, definition, labelByte, images.bytes, labels);
            return (images, labels);
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }

    private static TarEntry? NextEntry(TarReader tar, DatasetFileReader file)
    {
        try
        {
            return tar.GetNextEntry(copyData: false);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or OverflowException)
        {
            throw new DatasetFormatException(file.Path, file.ContentPosition, "tar entry header", "a valid tar header (ustar, pax or gnu)", e.Message, e);
        }
    }

    private static string ReadText(TarEntry entry, DatasetFileReader file, string source)
    {
        if (entry.Length > MaxNamesFileLength || entry.DataStream is null)
        {
            throw NamesTooLong(source, "member length", entry.Length);
        }

        byte[] bytes = new byte[entry.Length];
        int total = entry.DataStream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (total < bytes.Length)
        {
            throw new DatasetFormatException(source, total, "class names", string.Create(CultureInfo.InvariantCulture, $"{bytes.Length:N0} bytes"), string.Create(CultureInfo.InvariantCulture, $"the data ends after {total:N0} (truncated {(file.IsGzip ? "archive" : "file")})"));
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The class names from the folder's names file, or the defaults when there is none.</summary>
    private static IReadOnlyList<string> ReadNamesFile(CifarLabelByte label, string folder)
    {
        string path = Path.Combine(folder, label.NamesFile);
        DatasetAccessException.ThrowIfDirectory(path);
        if (!File.Exists(path))
        {
            return label.DefaultNames;
        }

        long length = new FileInfo(path).Length;
        if (length > MaxNamesFileLength)
        {
            throw NamesTooLong(path, "file length", length);
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (UnauthorizedAccessException e)
        {
            throw DatasetAccessException.NotReadable(path, e);
        }

        return ParseNames(label, path, text);
    }

    /// <summary>The error for record files that hold more records than the split has (checked before allocating).</summary>
    private static DatasetFormatException TooManyRecords(CifarDefinition definition, string source, string field, long count, long room) =>
        new(source, null, field,
            string.Create(CultureInfo.InvariantCulture, $"at most {room:N0} more records ({definition.Name} has {CifarDefinition.KnownRecords(DatasetSplit.Train):N0} training and {CifarDefinition.KnownRecords(DatasetSplit.Test):N0} test images)"),
            string.Create(CultureInfo.InvariantCulture, $"{count:N0} records"));

    /// <summary>The error for a class-names file or member longer than <see cref="MaxNamesFileLength"/> (or unreadable).</summary>
    private static DatasetFormatException NamesTooLong(string source, string field, long length) =>
        new(source, null, field, $"at most {MaxNamesFileLength:N0} bytes of class names", string.Create(CultureInfo.InvariantCulture, $"{length:N0} bytes"));

    /// <summary>One class name per non-empty line; there must be exactly as many as the label has classes.</summary>
    private static string[] ParseNames(CifarLabelByte label, string source, string text)
    {
        string[] names = text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        if (names.Length != label.ClassCount)
        {
            throw new DatasetFormatException(source, null, "class names", $"{label.ClassCount} names, one per line", $"{names.Length} non-empty lines");
        }

        return names;
    }

    private static string Normalise(string entryName) => entryName.StartsWith("./", StringComparison.Ordinal) ? entryName[2..] : entryName;
}
