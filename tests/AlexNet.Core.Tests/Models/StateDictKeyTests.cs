using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Models;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// The full state-dict key list of each variant: torchvision's <c>features.N</c> / <c>classifier.N</c> scheme, the
/// numbers a Python <c>nn.Sequential</c> of the same layers gives. (Keys do not depend on widths: small ones keep it fast.)
/// </summary>
public class StateDictKeyTests
{
    private static readonly AlexNetOptions Narrow = new() { ClassifierWidth = 8, WeightInit = WeightInit.PyTorchDefault };

    [Fact]
    public void TorchVision_keys_are_torchvisions()
    {
        Keys(Variant.TorchVision, Narrow).Should().Equal(
            "features.0.weight", "features.0.bias", "features.3.weight", "features.3.bias",
            "features.6.weight", "features.6.bias", "features.8.weight", "features.8.bias",
            "features.10.weight", "features.10.bias",
            "classifier.1.weight", "classifier.1.bias", "classifier.4.weight", "classifier.4.bias",
            "classifier.6.weight", "classifier.6.bias");
    }

    [Fact]
    public void Paper_keys_number_the_lrn_layers()
    {
        Keys(Variant.Paper, Narrow).Should().Equal(
            "features.0.weight", "features.0.bias", "features.4.weight", "features.4.bias",
            "features.8.weight", "features.8.bias", "features.10.weight", "features.10.bias",
            "features.12.weight", "features.12.bias",
            "classifier.1.weight", "classifier.1.bias", "classifier.4.weight", "classifier.4.bias",
            "classifier.6.weight", "classifier.6.bias");
    }

    [Fact]
    public void Paper_without_lrn_has_torchvisions_keys()
    {
        var options = new AlexNetOptions { ClassifierWidth = 8, UseLocalResponseNorm = false };

        Keys(Variant.Paper, options).Should().Equal(Keys(Variant.TorchVision, Narrow));
    }

    [Fact]
    public void CifarBatchNorm_keys_are_the_write_ups_parameters_then_the_batch_norm_buffers()
    {
        string[] convs = { "0", "4", "8", "11", "14" }, convNorms = { "1", "5", "9", "12", "15" };
        string[] linears = { "1", "5", "8" }, linearNorms = { "2", "6", "9" };
        var parameters = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            parameters.AddRange(Pair("features." + convs[i], "weight", "bias"));
            parameters.AddRange(Pair("features." + convNorms[i], "weight", "bias"));
        }

        for (int i = 0; i < 3; i++)
        {
            parameters.AddRange(Pair("classifier." + linears[i], "weight", "bias"));
            parameters.AddRange(Pair("classifier." + linearNorms[i], "weight", "bias"));
        }

        var buffers = convNorms.Select(n => "features." + n).Concat(linearNorms.Select(n => "classifier." + n))
            .SelectMany(prefix => Pair(prefix, "running_mean", "running_var", "num_batches_tracked"));

        Keys(Variant.CifarBatchNorm, Narrow).Should().Equal(parameters.Concat(buffers));
    }

    [Fact]
    public void Options_that_change_no_layer_leave_the_keys_alone()
    {
        var changed = new AlexNetOptions
        {
            ClassifierWidth = 8, InputChannels = 1, Reproduction = { Groups = 2 }, DropoutRate = 0, Output = ModelOutput.LogProbabilities,
        };

        Keys(Variant.CifarBatchNorm, changed).Should().Equal(Keys(Variant.CifarBatchNorm, Narrow));
        Keys(Variant.Paper, changed).Should().Equal(Keys(Variant.Paper, Narrow));
    }

    private static IEnumerable<string> Pair(string prefix, params string[] names) => names.Select(n => $"{prefix}.{n}");

    private static List<string> Keys(Variant variant, AlexNetOptions options)
    {
        using var model = AlexNetFactory.Create(variant, 10, options);
        return model.state_dict().Keys.ToList();
    }
}
