using System;
using System.IO;
using AlexNet.Samples;
using static AlexNet.Integration.Tests.Samples.SampleErrorAssertions;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>
/// Issue 20 item 6: every ordinary mistake with the TransferLearning sample ends as one line on standard error naming
/// the argument and the remedy, exit code 2 for a bad command line and 1 for a failure, never a stack trace.
/// </summary>
public class TransferLearningErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _data;

    public TransferLearningErrorTests() => _data = TransferLearningAndPredictTests.WriteFolder(_temp.File("data"));

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--epochs", "0", "--epochs must be 1 or more; got 0")]
    [InlineData("--batch-size", "0", "--batch-size must be 1 or more; got 0")]
    [InlineData("--freeze-epochs", "-1", "--freeze-epochs must be 0 or more; got -1")]
    [InlineData("--validation-fraction", "0", "--validation-fraction must be a number between 0 and 1 (both excluded); got 0")]
    [InlineData("--validation-fraction", "1.5", "--validation-fraction must be a number between 0 and 1 (both excluded); got 1.5")]
    [InlineData("--lr", "0", "--lr must be a number above 0; got 0")]
    [InlineData("--cache-mb", "-1", "--cache-mb must be 0 or more")]
    [InlineData("--epochs", "two", "'two'")]
    public void An_out_of_range_number_is_a_usage_error(string option, string value, string expected)
    {
        Run(TransferLearningSample.Run, "--data", _data, option, value, "--output", _temp.File("run")).ShouldFailWith(2, "TransferLearning: ", expected, "See --help");
        Directory.Exists(_temp.File("run")).Should().BeFalse("nothing is written for a bad command line");
    }

    [Fact]
    public void An_output_folder_that_holds_files_is_a_usage_error()
    {
        Directory.CreateDirectory(_temp.File("run"));
        File.WriteAllText(_temp.File("run/keep.txt"), "an earlier run");

        Run(TransferLearningSample.Run, "--data", _data, "--output", _temp.File("run")).ShouldFailWith(2, "--output: the folder", "already holds files", "new or empty folder");
        File.ReadAllText(_temp.File("run/keep.txt")).Should().Be("an earlier run");
    }

    [Fact]
    public void Weights_that_are_a_folder_without_checkpoints_are_a_usage_error()
    {
        Directory.CreateDirectory(_temp.File("weights"));

        Run(TransferLearningSample.Run, "--data", _data, "--weights", _temp.File("weights"), "--output", _temp.File("run"))
            .ShouldFailWith(2, "--weights: the folder", "holds no checkpoints/best.ckpt");
    }

    [Fact]
    public void Weights_that_do_not_exist_or_are_empty_are_usage_errors()
    {
        Run(TransferLearningSample.Run, "--data", _data, "--weights", _temp.File("no.pth")).ShouldFailWith(2, "--weights: ", "does not exist");
        File.WriteAllBytes(_temp.File("empty.pth"), Array.Empty<byte>());
        Run(TransferLearningSample.Run, "--data", _data, "--weights", _temp.File("empty.pth")).ShouldFailWith(2, "--weights: ", "empty or not a regular file");
    }

    [Fact]
    public void Data_that_does_not_exist_is_a_usage_error()
    {
        Run(TransferLearningSample.Run, "--data", _temp.File("nowhere")).ShouldFailWith(2, "--data: the folder", "does not exist");
    }

    [Fact]
    public void Weights_that_are_not_a_weights_file_fail_with_one_line()
    {
        File.WriteAllText(_temp.File("bad.pth"), "not a PyTorch file");

        Run(TransferLearningSample.Run, "--data", _data, "--weights", _temp.File("bad.pth"), "--output", _temp.File("run")).ShouldFailWith(1, "TransferLearning: ", "bad.pth");
    }

    [Fact]
    public void An_unreadable_image_without_skipping_fails_naming_skip_unreadable()
    {
        Run(TransferLearningSample.Run, "--data", _data, "--epochs", "1", "--output", _temp.File("run"))
            .ShouldFailWith(1, "TransferLearning: ", "broken.jpg", "--skip-unreadable", "'scan ");
    }

    [Fact]
    public void A_folder_with_no_readable_image_fails_with_one_line_even_when_skipping()
    {
        string bad = _temp.File("bad");
        foreach (string name in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(bad, name));
            for (int i = 0; i < 3; i++)
            {
                File.WriteAllText(Path.Combine(bad, name, $"{i}.jpg"), "not an image");
            }
        }

        Run(TransferLearningSample.Run, "--data", bad, "--skip-unreadable", "--epochs", "1", "--output", _temp.File("run"))
            .ShouldFailWith(1, "TransferLearning: ", "could be decoded", "'scan ");
    }

    [Fact]
    public void A_validation_fraction_that_leaves_no_validation_image_is_a_usage_error()
    {
        Run(TransferLearningSample.Run, "--data", _data, "--validation-fraction", "0.01", "--output", _temp.File("run"))
            .ShouldFailWith(2, "--validation-fraction 0.01 leaves");
    }
}
