using System.IO;
using System.Linq;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples;

namespace AlexNet.Integration.Tests.Samples;

public class Cifar10SampleTests
{
    [Fact]
    public void Without_data_it_says_where_to_get_CIFAR_10_and_exits_with_code_1()
    {
        using var temp = new TempDirectory();
        var error = new StringWriter();

        int code = Cifar10Sample.Run(new[] { "--data", temp.File("nothing"), "--output", temp.File("run") }, TextWriter.Null, error);

        code.Should().Be(1);
        error.ToString().Should().StartWith($"Cifar10: CIFAR-10 not found in {temp.File("nothing")}. Download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (170 MB, MD5 c32a1d4ab5d03f1284b67883e8d87530)")
            .And.Contain("--download");
        Directory.Exists(temp.File("run")).Should().BeFalse();
    }

    [Fact]
    public void The_batch_norm_recipe_trains_on_a_CIFAR_format_folder_and_writes_every_output()
    {
        using var temp = new TempDirectory();
        CifarFolder.Write(temp.Path, perClassPerBatch: 2, perClassTest: 10);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = Cifar10Sample.Run(new[] { "--data", temp.Path, "--epochs", "2", "--batch-size", "25", "--device", "cpu", "--output", temp.File("run") }, output, error);

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("training on all 100 images, testing on all 100 images").And.Contain("Test accuracy:");
        RunOutputs.ShouldBeComplete(temp.File("run"), epochs: 2, "cifar10-002");
        File.ReadAllText(temp.File("run/report.md")).Should().Contain("RandomGrayscale").And.Contain("| batch size | 25 (test 512) |");
    }

    [Fact]
    public void An_archive_that_is_not_the_published_one_fails_its_checksum_with_exit_code_1()
    {
        using var temp = new TempDirectory();
        string archive = CifarFolder.WriteArchive(temp.Path, perClassPerBatch: 1, perClassTest: 1);
        var error = new StringWriter();

        int code = Cifar10Sample.Run(new[] { "--data", archive, "--output", temp.File("run") }, TextWriter.Null, error);

        code.Should().Be(1);
        // The length is checked before the content is read (a short file fails without being hashed or unpacked).
        string length = new FileInfo(archive).Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        error.ToString().Should().StartWith($"Cifar10: {archive}: checksum mismatch: expected MD5 c32a1d4ab5d03f1284b67883e8d87530 of the file as published (cifar-10-binary.tar.gz); actual a file of {length} bytes, not the published 170,052,171 (checked before reading its content).")
            .And.Contain("delete it and get it again");
        Directory.Exists(temp.File("run")).Should().BeFalse();
    }

    [Fact]
    public void The_paper_recipe_ends_with_the_ten_crop_test()
    {
        using var temp = new TempDirectory();
        CifarFolder.Write(temp.Path, perClassPerBatch: 1, perClassTest: 1);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = Cifar10Sample.Run(
            new[] { "--recipe", "paper", "--data", temp.Path, "--epochs", "1", "--train-subset", "20", "--batch-size", "10", "--device", "cpu", "--output", temp.File("run") },
            output,
            error);

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("Evaluating with 10 views per image (TenCrop)").And.Contain("on 10 test images (the last epoch's model, 10 views per image averaged (TenCrop))");
        File.ReadAllText(temp.File("run/report.md")).Should().Contain("PcaLighting").And.Contain("then 10 views (TenCrop)");
    }

    [Fact]
    public void Write_up_000_runs_at_227_with_its_per_image_statistics_and_writes_its_own_tensorboard_tags()
    {
        using var temp = new TempDirectory();
        CifarFolder.Write(temp.Path, perClassPerBatch: 1, perClassTest: 1);
        var output = new StringWriter();
        var error = new StringWriter();

        int code = Cifar10Sample.Run(
            new[] { "--recipe", "cifar10-000", "--data", temp.Path, "--epochs", "1", "--train-subset", "10", "--test-subset", "4", "--batch-size", "5", "--device", "cpu", "--output", temp.File("run") },
            output,
            error);

        code.Should().Be(0, error.ToString());
        string report = File.ReadAllText(temp.File("run/report.md"));
        report.Should().Contain("Resize(227x227").And.Contain("Paper (LRN, PaperConvolutions init)").And.Contain("| batch size | 5 (test 128) |");
        string events = Directory.GetFiles(temp.File("run/tensorboard/write-up"), "events.out.tfevents.*").Single();
        string content = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(events));
        content.Should().Contain("Test Loss").And.Contain("Test Accuracy");
    }
}
