using System.Collections.Generic;

namespace AlexNet.Data.Datasets;

/// <summary>What distinguishes one IDX image dataset (MNIST, Fashion-MNIST) from another: names, files, sums, classes, where to get it.</summary>
/// <param name="Name">Display name, such as "Fashion-MNIST".</param>
/// <param name="Classes">Class names, index = label.</param>
/// <param name="TrainImages">The training images file (official .gz name) and its sums.</param>
/// <param name="TrainLabels">The training labels file and its sums.</param>
/// <param name="TestImages">The test images file and its sums.</param>
/// <param name="TestLabels">The test labels file and its sums.</param>
/// <param name="OfficialBaseUrl">Where the official .gz files are downloaded from.</param>
/// <param name="HowToGet">The sentence a not-found error ends with.</param>
internal sealed record IdxDatasetDefinition(
    string Name,
    IReadOnlyList<string> Classes,
    FileChecksum TrainImages,
    FileChecksum TrainLabels,
    FileChecksum TestImages,
    FileChecksum TestLabels,
    string OfficialBaseUrl,
    string HowToGet)
{
    /// <summary>Height and width of MNIST and Fashion-MNIST images; no image of these datasets is larger.</summary>
    public const int MaxImageSide = 28;

    /// <summary>Items in the official <paramref name="split"/> of MNIST and Fashion-MNIST (60,000 training, 10,000 test); no split holds more.</summary>
    public static long KnownItems(DatasetSplit split) => split == DatasetSplit.Train ? 60_000 : 10_000;

    /// <summary>All four files.</summary>
    public IReadOnlyList<FileChecksum> Files => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The images and labels files of <paramref name="split"/>.</summary>
    public (FileChecksum Images, FileChecksum Labels) FilesOf(DatasetSplit split) =>
        split == DatasetSplit.Train ? (TrainImages, TrainLabels) : (TestImages, TestLabels);
}
