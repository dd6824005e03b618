using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.IO;
using AlexNet.Core.Models.Weights;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Fashion-MNIST (Zalando): 60,000 training and 10,000 test grayscale images of 28 x 28 in 10 classes, as IDX files.
/// Reads the four files, gzip-compressed (official names) or unpacked (the same names without ".gz").
/// </summary>
/// <remarks>
/// On Debian/Ubuntu, <c>sudo apt-get install dataset-fashion-mnist</c> installs them in <see cref="DefaultDirectory"/>.
/// Debian re-compresses the files, so its .gz files differ from the official ones; verification accepts either the
/// official .gz MD5 or the MD5 of the decompressed content, which is identical.
/// </remarks>
public static class FashionMnist
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The official download location (file names are appended).</summary>
    public const string OfficialBaseUrl = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    private static readonly IdxDatasetDefinition Definition = new(
        "Fashion-MNIST",
        DatasetCategories.FashionMnist,
        new FileChecksum("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a", 26_421_880),
        new FileChecksum("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9", 29_515),
        new FileChecksum("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a", 4_422_102),
        new FileChecksum("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965", 5_148),
        OfficialBaseUrl,
        $"Install them with `sudo apt-get install dataset-fashion-mnist` (files go to {DefaultDirectory}), or download them with FashionMnist.DownloadAsync(directory) or DatasetLoadOptions.Download = true.");

    /// <summary>The class names, index = label.</summary>
    public static IReadOnlyList<string> Classes => Definition.Classes;

    /// <summary>The four files with their known MD5s (official .gz and decompressed content).</summary>
    internal static IReadOnlyList<FileChecksum> Files => Definition.Files;

    /// <summary>Reads <paramref name="split"/> from <see cref="DefaultDirectory"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, DatasetLoadOptions?)"/>
    public static ImageDataset Load(DatasetSplit split, DatasetLoadOptions? options = null) => Load(DefaultDirectory, split, options);

    /// <summary>Reads <paramref name="split"/> from <paramref name="directory"/>: images uint8 N x 1 x 28 x 28, labels int64.</summary>
    /// <exception cref="DatasetNotFoundException">A file is missing (and <see cref="DatasetLoadOptions.Download"/> is off).</exception>
    /// <exception cref="DatasetFormatException">A file is malformed.</exception>
    /// <exception cref="DatasetChecksumException">A file does not match its checksum.</exception>
    /// <exception cref="DatasetDownloadException">A download failed.</exception>
    public static ImageDataset Load(string directory, DatasetSplit split, DatasetLoadOptions? options = null) =>
        IdxImageDatasetLoader.Load(Definition, directory, split, options);

    /// <summary>Downloads the four .gz files into <paramref name="directory"/> (verified; files already there that verify are kept).</summary>
    /// <param name="directory">Where to put the files.</param>
    /// <param name="options">Base URL and timeout; null for the official location.</param>
    /// <param name="progress">Receives progress per file.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public static Task DownloadAsync(string directory, DatasetLoadOptions? options = null, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        DatasetDownloader.DownloadDatasetAsync(Definition.Files, directory, Definition.OfficialBaseUrl, options, progress, cancellationToken);
}
