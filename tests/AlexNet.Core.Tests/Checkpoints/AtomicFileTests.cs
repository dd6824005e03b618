using System;
using System.IO;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.IO;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Checkpoints;

public class AtomicFileTests
{
    [Fact]
    public void A_write_that_fails_midway_leaves_the_previous_file_and_no_temporary_file()
    {
        using var directory = new TempDirectory();
        string path = directory.File("metrics.csv");
        File.WriteAllText(path, "old content");

        var act = () => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new IOException("disk full");
        });

        act.Should().Throw<IOException>().WithMessage("disk full");
        File.ReadAllText(path).Should().Be("old content");
        Directory.GetFiles(directory.Path).Should().Equal(path);
    }

    [Fact]
    public void WriteAllText_replaces_the_file_with_utf8_without_a_byte_order_mark()
    {
        using var directory = new TempDirectory();
        string path = directory.File("a.txt");
        File.WriteAllText(path, "old");

        AtomicFile.WriteAllText(path, "é\n");

        File.ReadAllBytes(path).Should().Equal(0xC3, 0xA9, 0x0A);
    }

    [Fact]
    public void Stale_temporary_files_of_a_crashed_writer_are_recognised_and_deleted()
    {
        using var directory = new TempDirectory();
        string stale = directory.File(".last.ckpt.0123456789abcdef0123456789abcdef.tmp");
        string keep = directory.File("last.ckpt");
        File.WriteAllText(stale, "half");
        File.WriteAllText(keep, "whole");

        int deleted = AtomicFile.DeleteStaleTemporaryFiles(directory.Path);

        deleted.Should().Be(1);
        AtomicFile.IsTemporaryFile(stale).Should().BeTrue();
        AtomicFile.IsTemporaryFile(keep).Should().BeFalse();
        Directory.GetFiles(directory.Path).Should().Equal(keep);
    }
}
