using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Data.Datasets;

/// <summary>
/// CIFAR-10, binary version: 50,000 training and 10,000 test colour images of 32 x 32 in 10 classes. Reads the
/// unpacked folder <c>cifar-10-batches-bin/</c> (train = data_batch_1..5.bin, test = test_batch.bin) or, streaming
/// and without unpacking to disk, the official <c>cifar-10-binary.tar.gz</c>.
/// </summary>
/// <remarks>
/// A record is 1 label byte then 3,072 pixel bytes (red plane, green plane, blue plane, each 32 x 32 row-major); a
/// file is a sequence of records with no header. Class names come from <c>batches.meta.txt</c> when present.
/// The archive is verified against its published MD5 (<see cref="DatasetLoadOptions.VerifyChecksums"/>); the unpacked
/// folder has no published per-file sums, so only its structure (whole records, labels in range) is checked.
/// </remarks>
public static class Cifar10
{
    /// <summary>The folder the archive unpacks to.</summary>
    public const string FolderName = "cifar-10-batches-bin";

    /// <summary>The official download location of the archive (its file name is appended).</summary>
    public const string OfficialBaseUrl = "https://www.cs.toronto.edu/~kriz/";

    private static readonly CifarDefinition Definition = new(
        "CIFAR-10",
        FolderName,
        new FileChecksum("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", null, 170_052_171),
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"],
        ["test_batch.bin"],
        [new CifarLabelByte(0, "label", 10, "batches.meta.txt", DatasetCategories.Cifar10)],
        OfficialBaseUrl,
        nameof(Cifar10));

    /// <summary>The class names, index = label (as in <c>batches.meta.txt</c>).</summary>
    public static IReadOnlyList<string> Classes => Definition.LabelBytes[0].DefaultNames;

    /// <summary>The official archive's name and MD5.</summary>
    internal static FileChecksum Archive => Definition.Archive;

    /// <summary>The official archive's file name, <c>cifar-10-binary.tar.gz</c> (appended to <see cref="OfficialBaseUrl"/>).</summary>
    public static string ArchiveFileName => Definition.Archive.FileName;

    /// <summary>The published MD5 of the official archive (32 hexadecimal digits).</summary>
    public static string ArchiveMd5 => Definition.Archive.FileMd5!;

    /// <summary>Bytes per record: 1 label byte + 3,072 pixel bytes.</summary>
    internal static int RecordLength => Definition.RecordLength;

    /// <summary>
    /// Reads <paramref name="split"/> from <paramref name="path"/>: the archive file, the unpacked folder, or a
    /// directory holding either (the folder is preferred). Images uint8 N x 3 x 32 x 32, labels int64.
    /// </summary>
    /// <exception cref="DatasetNotFoundException">Nothing is found (and <see cref="DatasetLoadOptions.Download"/> is off).</exception>
    /// <exception cref="DatasetFormatException">A file or the archive is malformed.</exception>
    /// <exception cref="DatasetChecksumException">The archive does not match its checksum.</exception>
    /// <exception cref="DatasetDownloadException">A download failed.</exception>
    public static ImageDataset Load(string path, DatasetSplit split, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.Load(Definition, path, split, 0, options);

    /// <summary>Reads <paramref name="split"/> from the unpacked folder <paramref name="folder"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, DatasetLoadOptions?)" path="/exception"/>
    public static ImageDataset LoadFolder(string folder, DatasetSplit split, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.LoadFolder(Definition, folder, split, 0, options);

    /// <summary>Reads <paramref name="split"/> from the .tar.gz archive <paramref name="archive"/>, streaming, without unpacking it.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, DatasetLoadOptions?)" path="/exception"/>
    public static ImageDataset LoadArchive(string archive, DatasetSplit split, DatasetLoadOptions? options = null) =>
        CifarDatasetLoader.LoadArchive(Definition, archive, split, 0, options);

    /// <summary>Downloads the archive into <paramref name="directory"/> (verified; an archive already there that verifies is kept).</summary>
    /// <param name="directory">Where to put <c>cifar-10-binary.tar.gz</c>.</param>
    /// <param name="options">Base URL and timeout; null for the official location.</param>
    /// <param name="progress">Receives progress.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static Task DownloadAsync(string directory, DatasetLoadOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetDownloader.DownloadDatasetAsync([Definition.Archive], directory, Definition.OfficialBaseUrl, options, progress, cancellationToken);
}
