using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>Loads an IDX image dataset (an images file N x H x W of uint8 and a labels file N of uint8) into an <see cref="ImageDataset"/>.</summary>
internal static class IdxImageDatasetLoader
{
    private const string GzipSuffix = ".gz";

    /// <summary>Offset of the first label in an IDX labels file (magic number + one dimension).</summary>
    private const int LabelsDataOffset = 8;

    public static ImageDataset Load(IdxDatasetDefinition definition, string directory, DatasetSplit split, DatasetLoadOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options = DatasetLoadOptionsValidator.ThrowIfInvalid(options);
        (FileChecksum imagesFile, FileChecksum labelsFile) = definition.FilesOf(split);
        EnsurePresent(definition, directory, [imagesFile, labelsFile], options);
        string imagesPath = Locate(directory, imagesFile)!;
        string labelsPath = Locate(directory, labelsFile)!;

        // Every allocation is bounded by the dataset's known sizes and by the labels file, checked on the headers.
        long knownItems = IdxDatasetDefinition.KnownItems(split);
        using IdxArray labels = IdxReader.Read(labelsPath, ChecksumFor(labelsPath, labelsFile, options), IdxDataType.UnsignedByte, expectedRank: 1,
            (file, dimensions) => ThrowIfAbove(file, dimensions, [knownItems], string.Create(CultureInfo.InvariantCulture, $"{definition.Name} has {knownItems:N0} {split.ToString().ToLowerInvariant()} items")));
        CheckLabels(labelsPath, labels, definition.Classes.Count);
        long side = IdxDatasetDefinition.MaxImageSide;
        using IdxArray images = IdxReader.Read(imagesPath, ChecksumFor(imagesPath, imagesFile, options), IdxDataType.UnsignedByte, expectedRank: 3, (file, dimensions) =>
        {
            if (dimensions[0] != labels.Dimensions[0])
            {
                throw new DatasetFormatException(
                    labelsPath,
                    4,
                    "IDX dimensions",
                    string.Create(CultureInfo.InvariantCulture, $"{dimensions[0]:N0} labels, one per image in {Path.GetFileName(imagesPath)}"),
                    string.Create(CultureInfo.InvariantCulture, $"{labels.Dimensions[0]:N0} labels"));
            }

            ThrowIfAbove(file, dimensions, [dimensions[0], side, side], string.Create(CultureInfo.InvariantCulture, $"{definition.Name} images are {side} x {side}"));
        });

        Tensor imageTensor = images.Data.unsqueeze(1);
        Tensor labelTensor = labels.Data.to_type(ScalarType.Int64);
        return ImageDataset.Create(imageTensor, labelTensor, definition.Classes, definition.Name, split);
    }

    /// <summary>Refuses header dimensions above <paramref name="limits"/> (from <paramref name="reason"/>), before anything is allocated.</summary>
    private static void ThrowIfAbove(DatasetFileReader file, long[] dimensions, long[] limits, string reason)
    {
        for (int i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] > limits[i])
            {
                throw new DatasetFormatException(file.Path, 4, "IDX dimensions", $"at most {IdxReader.Describe(limits)} ({reason})", IdxReader.Describe(dimensions));
            }
        }
    }

    /// <summary>Downloads missing files when allowed; otherwise throws naming every missing file and how to get it.</summary>
    private static void EnsurePresent(IdxDatasetDefinition definition, string directory, IReadOnlyList<FileChecksum> files, DatasetLoadOptions options)
    {
        var missing = new List<FileChecksum>();
        foreach (FileChecksum file in files)
        {
            if (Locate(directory, file) is null)
            {
                missing.Add(file);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        if (options.Download)
        {
            DatasetDownloader.DownloadDataset(missing, directory, definition.OfficialBaseUrl, options);
            return;
        }

        throw new DatasetNotFoundException(directory, missing.ConvertAll(f => $"{f.FileName} (or {RawName(f)})"), definition.HowToGet);
    }

    /// <summary>The path of the file in <paramref name="directory"/>, gzip-compressed or not, or null.</summary>
    private static string? Locate(string directory, FileChecksum file)
    {
        string gzip = Path.Combine(directory, file.FileName);
        DatasetAccessException.ThrowIfDirectory(gzip);
        DatasetAccessException.ThrowIfDirectory(Path.Combine(directory, RawName(file)));
        if (File.Exists(gzip))
        {
            return gzip;
        }

        string raw = Path.Combine(directory, RawName(file));
        return File.Exists(raw) ? raw : null;
    }

    /// <summary>The sums that apply to the file found: both for the .gz, only the content's for an unpacked copy.</summary>
    private static FileChecksum? ChecksumFor(string path, FileChecksum file, DatasetLoadOptions options)
    {
        if (!options.VerifyChecksums)
        {
            return null;
        }

        if (path.EndsWith(GzipSuffix, StringComparison.Ordinal))
        {
            return file;
        }

        return file.ContentMd5 is null ? null : new FileChecksum(RawName(file), null, file.ContentMd5);
    }

    private static string RawName(FileChecksum file) =>
        file.FileName.EndsWith(GzipSuffix, StringComparison.Ordinal) ? file.FileName[..^GzipSuffix.Length] : file.FileName;

    private static void CheckLabels(string path, IdxArray labels, int classCount)
    {
        if (labels.Dimensions[0] == 0)
        {
            return;
        }

        if (classCount > byte.MaxValue)
        {
            // Every byte is a valid class index.
            return;
        }

        ReadOnlySpan<byte> values = labels.Data.bytes;
        int i = values.IndexOfAnyInRange((byte)classCount, byte.MaxValue);
        if (i >= 0)
        {
            throw new DatasetFormatException(path, LabelsDataOffset + i, $"label of item {i}", $"a class index in [0, {classCount - 1}]", values[i].ToString(CultureInfo.InvariantCulture));
        }
    }
}
