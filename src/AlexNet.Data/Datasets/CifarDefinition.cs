using System.Collections.Generic;

namespace AlexNet.Data.Datasets;

/// <summary>What distinguishes one CIFAR binary dataset (CIFAR-10, CIFAR-100) from another.</summary>
/// <param name="Name">Display name, such as "CIFAR-10".</param>
/// <param name="FolderName">The folder the archive unpacks to, such as "cifar-10-batches-bin".</param>
/// <param name="Archive">The official archive's name and MD5.</param>
/// <param name="TrainFiles">The training record files in the folder, in order.</param>
/// <param name="TestFiles">The test record files in the folder, in order.</param>
/// <param name="LabelBytes">The label bytes at the start of each record, in order.</param>
/// <param name="OfficialBaseUrl">Where the archive is downloaded from.</param>
/// <param name="ReaderName">The public reader's type name, for messages.</param>
internal sealed record CifarDefinition(
    string Name,
    string FolderName,
    FileChecksum Archive,
    IReadOnlyList<string> TrainFiles,
    IReadOnlyList<string> TestFiles,
    IReadOnlyList<CifarLabelByte> LabelBytes,
    string OfficialBaseUrl,
    string ReaderName)
{
    /// <summary>Pixel bytes per record: a 32 x 32 red plane, then green, then blue, each row-major.</summary>
    public const int PixelBytes = 3 * 32 * 32;

    /// <summary>Bytes per record: the label bytes then the pixels.</summary>
    public int RecordLength => LabelBytes.Count + PixelBytes;

    /// <summary>
    /// Records in the official <paramref name="split"/> (CIFAR-10 and CIFAR-100 alike: 50,000 training and 10,000 test
    /// images): no split may hold more, which bounds what a reader allocates for any archive.
    /// </summary>
    public static long KnownRecords(DatasetSplit split) => split == DatasetSplit.Train ? 50_000 : 10_000;

    /// <summary>The record files of <paramref name="split"/>.</summary>
    public IReadOnlyList<string> FilesOf(DatasetSplit split) => split == DatasetSplit.Train ? TrainFiles : TestFiles;

    /// <summary>The sentence a not-found error ends with.</summary>
    public string HowToGet =>
        $"Download {OfficialBaseUrl}{Archive.FileName} (it is read as it is, without unpacking), or call {ReaderName}.DownloadAsync(directory), or set DatasetLoadOptions.Download = true.";
}
