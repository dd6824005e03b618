using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Samples;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Recipes;

/// <summary>Write-up 003 as a command: QuickStart summary prints both torchsummary tables with the write-up's counts.</summary>
public class Summary003CommandTests
{
    [Fact]
    public void Summary_prints_the_write_ups_per_layer_and_total_parameter_counts_for_both_networks()
    {
        var output = new StringWriter();

        int code = QuickStartSample.Run(new[] { "summary" }, output, new StringWriter());

        code.Should().Be(0);
        string[] lines = output.ToString().Split('\n');
        string[] paper = lines.Select(l => l.Length > 64 ? l[..64] : l).Select(l => l.TrimEnd()).ToArray();
        string[] torchVision = lines.Select(l => l.Length > 68 ? l[68..].TrimEnd() : string.Empty).ToArray();

        paper.Should().Contain(new[]
        {
            "            Conv2d-1           [-1, 96, 55, 55]          34,944",
            "            Conv2d-4          [-1, 256, 27, 27]         614,656",
            "            Conv2d-7          [-1, 384, 13, 13]         885,120",
            "            Conv2d-9          [-1, 384, 13, 13]       1,327,488",
            "           Conv2d-11          [-1, 256, 13, 13]         884,992",
            "        MaxPool2d-13            [-1, 256, 6, 6]               0",
            "           Linear-14                 [-1, 4096]      37,752,832",
            "           Linear-18                 [-1, 1000]       4,097,000",
            "Total params: 62,378,344",
        });
        torchVision.Should().Contain(new[]
        {
            "            Conv2d-1           [-1, 64, 56, 56]          23,296",
            "            Conv2d-4          [-1, 192, 27, 27]         307,392",
            "            Conv2d-7          [-1, 384, 13, 13]         663,936",
            "            Conv2d-9          [-1, 256, 13, 13]         884,992",
            "           Conv2d-11          [-1, 256, 13, 13]         590,080",
            "AdaptiveAvgPool2d-14            [-1, 256, 6, 6]               0",
            "           Linear-21                 [-1, 1000]       4,097,000",
            "Total params: 61,100,840",
        });
        lines.Should().Contain(new[]
        {
            "  conv1:      34,944 vs      23,296",
            "  conv2:     614,656 vs     307,392",
            "  conv3:     885,120 vs     663,936",
            "  conv4:   1,327,488 vs     884,992",
            "  conv5:     884,992 vs     590,080",
            "  total:         62,378,344 vs  61,100,840",
        });
    }

    [Fact]
    public void The_write_ups_network_ends_in_log_softmax_and_has_no_dropout_or_lrn()
    {
        using var model = Summary003Command.CreateWriteUpNetwork();

        model.OutputsLogProbabilities.Should().BeTrue();
        model.NumClasses.Should().Be(1000);
        model.modules().Select(m => m.GetType().Name).Should().NotContain(new[] { "Dropout", "AlwaysOnDropout", "LocalResponseNorm" });
    }

    [Fact]
    public void Summary_dry_run_prints_the_003_recipe_as_json()
    {
        var output = new StringWriter();

        int code = QuickStartSample.Run(new[] { "summary", "--dry-run" }, output, new StringWriter());

        code.Should().Be(0);
        JsonNode.Parse(output.ToString())!["recipe"]!.GetValue<string>().Should().Be(RecipeCatalogue.Summary003);
    }

    [Fact]
    public void Unknown_quickstart_arguments_are_a_usage_error()
    {
        var error = new StringWriter();

        QuickStartSample.Run(new[] { "sumary" }, new StringWriter(), error).Should().Be(2);
        error.ToString().Should().Contain("unknown arguments 'sumary'");
    }
}
