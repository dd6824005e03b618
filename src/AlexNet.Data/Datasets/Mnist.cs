using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;

namespace AlexNet.Data.Datasets;

/// <summary>
/// MNIST handwritten digits: 60,000 training and 10,000 test grayscale images of 28 x 28 in 10 classes ("0" to "9"),
/// as IDX files. Reads the four files, gzip-compressed (official names) or unpacked (the same names without ".gz").
/// </summary>
/// <remarks>
/// Only the MD5s of the official .gz files are known, so an unpacked or re-compressed copy is read without checksum
/// verification (its header and length are still checked).
/// </remarks>
public static class Mnist
{
    /// <summary>The default download location (a mirror of the original files; file names are appended).</summary>
    public const string OfficialBaseUrl = "https://ossci-datasets.s3.amazonaws.com/mnist/";

    private static readonly IdxDatasetDefinition Definition = new(
        "MNIST",
        ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        new FileChecksum("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", null, 9_912_422),
        new FileChecksum("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", null, 28_881),
        new FileChecksum("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", null, 1_648_877),
        new FileChecksum("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", null, 4_542),
        OfficialBaseUrl,
        "Download them with Mnist.DownloadAsync(directory) or DatasetLoadOptions.Download = true.");

    /// <summary>The class names, index = label: "0" to "9".</summary>
    public static IReadOnlyList<string> Classes => Definition.Classes;

    /// <summary>The four files with the MD5s of the official .gz files.</summary>
    internal static IReadOnlyList<FileChecksum> Files => Definition.Files;

    /// <summary>Reads <paramref name="split"/> from <paramref name="directory"/>: images uint8 N x 1 x 28 x 28, labels int64.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing (and <see cref="DatasetLoadOptions.Download"/> is off).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    /// <exception cref="DatasetChecksumException">A file does not match its checksum.</exception>
    /// <exception cref="DatasetDownloadException">A download failed.</exception>
    public static ImageDataset Load(string directory, DatasetSplit split, DatasetLoadOptions? options = null) =>
        IdxImageDatasetLoader.Load(Definition, directory, split, options);

    /// <summary>Downloads the four .gz files into <paramref name="directory"/> (verified; files already there that verify are kept).</summary>
    /// <param name="directory">Where to put the files.</param>
    /// <param name="options">Base URL and timeout; null for the default location.</param>
    /// <param name="progress">Receives progress per file.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static Task DownloadAsync(string directory, DatasetLoadOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetDownloader.DownloadDatasetAsync(Definition.Files, directory, Definition.OfficialBaseUrl, options, progress, cancellationToken);
}
