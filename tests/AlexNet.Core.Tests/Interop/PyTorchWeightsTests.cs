using System.Collections.Generic;
using System.IO;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Weights files written and read by real PyTorch (tests/fixtures/interop/pytorch_interop.py with Debian's
/// python3-torch 1.13) at test time: PyTorch -> C# and C# -> PyTorch, every variant, outputs within 1e-4 of the
/// largest output.
/// </summary>
public class PyTorchWeightsTests
{
    public static IEnumerable<object[]> Cases => InteropCases.Names;

    public static IEnumerable<object[]> RoundTrips()
    {
        foreach (object[] c in InteropCases.Names)
        {
            if ((string)c[0] != "torchvision_1000")
            {
                yield return new[] { c[0], ".pth" };
            }
        }

        yield return new object[] { "torchvision_10", ".safetensors" };
        yield return new object[] { "cifar_batch_norm", ".safetensors" };
    }

    [PyTorchTheory]
    [MemberData(nameof(Cases))]
    public void A_state_dict_saved_by_pytorch_loads_in_one_call_and_gives_pytorchs_outputs(string name)
    {
        InteropCase c = InteropCases.Get(name);
        using var dir = new TempDirectory();
        PythonTorch.Run("make", c.Spec, dir.Path);
        using var model = AlexNetFactory.Create(c.Variant, c.NumClasses, c.Options);

        WeightLoadResult result = AlexNetWeights.Load(model, dir.File("weights.pth"));

        result.LoadedKeys.Should().Equal(model.state_dict().Keys);
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> reference = AlexNetWeights.Read(dir.File("reference.pth"));
        model.eval();
        using var noGrad = no_grad();
        InteropAssert.Close(model.call(reference["input"]), reference["output"], name);
    }

    [PyTorchTheory]
    [InlineData("""{"variant": "torchvision", "classes": 1000, "legacy": true}""", 1000)]
    [InlineData("""{"variant": "cifar", "classes": 10, "width": 256, "legacy": true}""", 10)]
    public void A_state_dict_in_pytorchs_legacy_format_as_torchvision_publishes_loads_with_pytorchs_outputs(string spec, int classes)
    {
        using var dir = new TempDirectory();
        PythonTorch.Run("make", spec, dir.Path);
        bool torchvision = spec.Contains("torchvision", System.StringComparison.Ordinal);
        using var model = torchvision
            ? AlexNetFactory.Create(Variant.TorchVision, classes)
            : AlexNetFactory.Create(Variant.CifarBatchNorm, classes, new AlexNetOptions { ClassifierWidth = 256 });
        File.ReadAllBytes(dir.File("weights.pth"))[0].Should().Be(0x80, "the file is a bare pickle, not a zip archive");

        AlexNetWeights.Load(model, dir.File("weights.pth"));

        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> reference = AlexNetWeights.Read(dir.File("reference.pth"));
        model.eval();
        using var noGrad = no_grad();
        InteropAssert.Close(model.call(reference["input"]), reference["output"], spec);
    }

    [PyTorchTheory]
    [MemberData(nameof(RoundTrips))]
    public void A_file_saved_by_csharp_loads_strictly_in_pytorch_with_matching_outputs(string name, string extension)
    {
        InteropCase c = InteropCases.Get(name);
        using var dir = new TempDirectory();
        using var model = c.CreateEvaluationModel();
        using var scope = NewDisposeScope();
        Tensor input = rand(2, c.Options.InputChannels, c.InputSize, c.InputSize);
        AlexNetWeights.Save(model, dir.File("weights" + extension));
        AlexNetWeights.Write(dir.File("input.pth"), new Dictionary<string, Tensor> { ["input"] = input });

        PythonTorch.Run("check", c.Spec, dir.Path, "weights" + extension);

        using var noGrad = no_grad();
        Tensor pytorch = AlexNetWeights.Read(dir.File("pytorch_output.pth"))["output"];
        InteropAssert.Close(model.call(input), pytorch, $"{name} {extension}");
        File.Exists(dir.File("weights" + extension)).Should().BeTrue();
    }
}
