using System.IO;
using AlexNet.Samples;

namespace AlexNet.Integration.Tests.Samples;

public class QuickStartSampleTests
{
    [Fact]
    public void QuickStart_summarises_every_variant_trains_saves_and_reloads_identically()
    {
        var output = new StringWriter();

        int code = QuickStartSample.Run(output);

        code.Should().Be(0, output.ToString());
        string text = output.ToString();
        text.Should().Contain("AlexNet Variant.Paper, input [1, 3, 227, 227]")
            .And.Contain("AlexNet Variant.TorchVision, input [1, 3, 224, 224]")
            .And.Contain("AlexNet Variant.CifarBatchNorm, input [1, 3, 32, 32]")
            .And.Contain("Total params: 14,869,598")
            .And.Contain("Variant.Paper: input [2, 3, 227, 227] -> logits [2, 10]")
            .And.Contain("Variant.TorchVision: input [2, 3, 224, 224] -> logits [2, 10]")
            .And.Contain("Variant.CifarBatchNorm: input [2, 3, 32, 32] -> logits [2, 10]")
            .And.Contain("Trained 16 steps")
            .And.Contain("Reloaded model's logits on a batch of 32: identical (max |difference| 0)")
            .And.EndWith("QuickStart finished." + System.Environment.NewLine);
    }
}
