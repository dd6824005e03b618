using System.Linq;
using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>Initialisation draws from TorchSharp's global generator, so a seed reproduces the weights.</summary>
[Collection(GlobalRandomGenerator.Name)]
public class SeededWeightInitTests
{
    [Fact]
    public void The_same_seed_gives_the_same_weights()
    {
        manual_seed(123);
        using var first = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });
        manual_seed(123);
        using var second = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });

        manual_seed(124);
        using var third = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });

        first.parameters().Zip(second.parameters(), (a, b) => a.allclose(b, rtol: 0, atol: 0)).Should().OnlyContain(same => same);
        first.Features.children().OfType<Conv2d>().First().weight.allclose(third.Features.children().OfType<Conv2d>().First().weight)
            .Should().BeFalse("another seed draws other weights");
    }
}
