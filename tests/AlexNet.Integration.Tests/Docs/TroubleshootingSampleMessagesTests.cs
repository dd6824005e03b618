using System.IO;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples;
using static AlexNet.Integration.Tests.Samples.SampleErrorAssertions;

namespace AlexNet.Integration.Tests.Docs;

/// <summary>
/// docs/troubleshooting.md quotes the TransferLearning and Predict samples' error lines: each case here provokes one
/// (with paths that need no temporary folder) and checks that the page holds the line word for word.
/// </summary>
public class TroubleshootingSampleMessagesTests
{
    private static readonly string Page = File.ReadAllText(TestPaths.InRepository("docs/troubleshooting.md"));

    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--validation-fraction", "1.5")]
    [InlineData("--lr", "0")]
    [InlineData("--epochs", "two")]
    public void A_TransferLearning_usage_error_is_quoted(string option, string value)
    {
        string line = Run(TransferLearningSample.Run, "--data", ".", option, value).ShouldFailWith(2);

        Page.Should().Contain(line.TrimEnd('\r'), "docs/troubleshooting.md must quote the sample's message exactly");
    }

    [Fact]
    public void A_Predict_usage_error_is_quoted()
    {
        string line = Run(PredictSample.Run, "scan", "nowhere").ShouldFailWith(2);

        Page.Should().Contain(line.TrimEnd('\r'), "docs/troubleshooting.md must quote the sample's message exactly");
    }
}
