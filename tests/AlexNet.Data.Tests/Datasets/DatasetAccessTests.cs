using System;
using System.IO;
using System.Runtime.InteropServices;
using AlexNet.Data.Datasets;

namespace AlexNet.Data.Tests.Datasets;

/// <summary>A directory where a dataset file should be, or a file that cannot be read, is a DatasetException saying so.</summary>
public sealed class DatasetAccessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_directory_named_like_an_idx_file_is_reported_as_a_directory_not_as_missing()
    {
        Directory.CreateDirectory(_temp.File("train-labels-idx1-ubyte.gz"));

        var act = () => FashionMnist.Load(_temp.Path, DatasetSplit.Train);

        act.Should().Throw<DatasetAccessException>().WithMessage("*train-labels-idx1-ubyte.gz: this is a directory, where a dataset file of this name should be*")
            .Which.Should().BeAssignableTo<DatasetException>();
    }

    [Fact]
    public void A_directory_named_like_a_cifar_record_file_is_reported_as_a_directory()
    {
        string folder = _temp.File("cifar-10-batches-bin");
        Directory.CreateDirectory(Path.Combine(folder, "test_batch.bin"));

        var act = () => Cifar10.LoadFolder(folder, DatasetSplit.Test);

        act.Should().Throw<DatasetAccessException>().WithMessage("*test_batch.bin: this is a directory*");
    }

    [NotRootFact]
    public void A_file_without_read_permission_is_a_dataset_exception_naming_it()
    {
        string path = _temp.File("t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, Datasets.IdxFiles.Gzip(Datasets.IdxFiles.UnsignedBytes([1], [1])));
        File.WriteAllBytes(_temp.File("t10k-images-idx3-ubyte.gz"), Datasets.IdxFiles.Gzip(Datasets.IdxFiles.UnsignedBytes([1, 1, 1], [0])));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.None);
        }

        var act = () => FashionMnist.Load(_temp.Path, DatasetSplit.Test, new DatasetLoadOptions { VerifyChecksums = false });

        act.Should().Throw<DatasetAccessException>().WithMessage($"{path}: the file exists but cannot be read*read permission*");
    }
}

/// <summary>A fact that is skipped when the tests run as root, who reads files regardless of their permissions.</summary>
public sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (!OperatingSystem.IsWindows() && geteuid() == 0)
        {
            Skip = "running as root: root reads any file regardless of its permissions, so a file without read permission cannot be simulated honestly here";
        }
    }

    [DllImport("libc", SetLastError = false)]
#pragma warning disable SYSLIB1054 // A one-off test helper; LibraryImport needs unsafe code enabled.
    private static extern uint geteuid();
#pragma warning restore SYSLIB1054
}
