using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Models;

namespace AlexNet.Core.Tests.Interop;

/// <summary>One network as both sides build it: the spec pytorch_interop.py reads and the C# variant and options.</summary>
public sealed record InteropCase(string Name, string Spec, Variant Variant, int NumClasses, AlexNetOptions Options, int InputSize)
{
    /// <summary>This case's model with random batch-norm statistics (so that they matter), in evaluation mode.</summary>
    public AlexNetModel CreateEvaluationModel()
    {
        AlexNetModel model = AlexNetFactory.Create(Variant, NumClasses, Options);
        InteropAssert.RandomiseBatchNorm(model);
        model.eval();
        return model;
    }
}

/// <summary>Every variant and option the interop tests cover (narrow classifiers where the width does not matter, to stay fast).</summary>
public static class InteropCases
{
    public static readonly InteropCase[] All =
    {
        new("torchvision_10", """{"variant": "torchvision", "classes": 10}""", Variant.TorchVision, 10, new AlexNetOptions(), 224),
        new("torchvision_1000", """{"variant": "torchvision", "classes": 1000}""", Variant.TorchVision, 1000, new AlexNetOptions(), 224),
        new("torchvision_1_channel_100px", """{"variant": "torchvision", "classes": 10, "in_channels": 1, "width": 256, "size": 100}""",
            Variant.TorchVision, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 256 }, 100),
        new("paper_lrn", """{"variant": "paper", "classes": 10, "width": 256}""", Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256 }, 227),
        new("paper_no_lrn", """{"variant": "paper", "classes": 10, "width": 256, "lrn": false}""",
            Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256, UseLocalResponseNorm = false }, 227),
        new("paper_two_towers_log_probabilities", """{"variant": "paper", "classes": 10, "width": 256, "groups": 2, "log_probabilities": true}""",
            Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 256, Reproduction = { Groups = 2 }, Output = ModelOutput.LogProbabilities }, 227),
        new("cifar_batch_norm", """{"variant": "cifar", "classes": 10, "width": 256}""", Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 256 }, 32),
        new("cifar_batch_norm_1_channel_two_towers_28px", """{"variant": "cifar", "classes": 10, "width": 256, "in_channels": 1, "groups": 2, "size": 28}""",
            Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 256, InputChannels = 1, Reproduction = { Groups = 2 } }, 28),
    };

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static InteropCase Get(string name) => All.Single(c => c.Name == name);
}
