using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>The exported ONNX files run in ONNX Runtime 1.31.1 and give the TorchSharp model's outputs, every variant and option.</summary>
public class OnnxExportTests
{
    public static IEnumerable<object[]> Exports()
    {
        foreach (InteropCase c in InteropCases.All)
        {
            yield return new object[] { c.Name, c.InputSize };
        }

        yield return new object[] { "torchvision_10", 300 };   // 8 x 8 maps pooled to 6 x 6: overlapping bins of 2 and 3
        yield return new object[] { "cifar_batch_norm", 50 };  // 6 x 6 maps pooled to 4 x 4
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void The_exported_graph_gives_the_models_outputs_in_onnx_runtime(string name, int size)
    {
        InteropCase c = InteropCases.Get(name);
        using var dir = new TempDirectory();
        using var model = c.CreateEvaluationModel();
        using var scope = NewDisposeScope();
        Tensor input = rand(3, c.Options.InputChannels, size, size);
        using var noGrad = no_grad();
        Tensor expected = model.call(input);

        OnnxExporter.Export(model, dir.File("model.onnx"), new OnnxExportOptions { InputSize = new ImageSize(size, size) });

        using var session = new InferenceSession(dir.File("model.onnx"));
        var onnxInput = new DenseTensor<float>(input.data<float>().ToArray().AsMemory(), new[] { 3, c.Options.InputChannels, size, size });
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", onnxInput) });
        float[] actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
        InteropAssert.Close(tensor(actual).reshape(3, c.NumClasses), expected, $"{name} at {size} x {size}");
    }

    [Fact]
    public void The_graph_has_a_dynamic_batch_axis_and_fixed_image_axes()
    {
        using var dir = new TempDirectory();
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 16 });
        OnnxExporter.Export(model, dir.File("m.onnx"));

        using var session = new InferenceSession(dir.File("m.onnx"));

        NodeMetadata input = session.InputMetadata["input"];
        input.Dimensions.Should().Equal(-1, 3, 32, 32);
        input.SymbolicDimensions[0].Should().Be("batch");
        session.OutputMetadata["output"].Dimensions.Should().Equal(-1, 10);
        session.ModelMetadata.ProducerName.Should().Be("AlexNet.Core");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Lrn_of_any_window_size_matches_in_onnx_runtime(int lrnSize)
    {
        using var dir = new TempDirectory();
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 16, Reproduction = { LrnSize = lrnSize, LrnK = 1.0, LrnAlpha = 0.05 } });
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.state_dict()["features.0.weight"].mul_(30); // activations of several units, so that the LRN window matters
        Tensor input = rand(2, 3, 227, 227);

        OnnxExporter.Export(model, dir.File("m.onnx"));

        using var session = new InferenceSession(dir.File("m.onnx"));
        var onnxInput = new DenseTensor<float>(input.data<float>().ToArray().AsMemory(), new[] { 2, 3, 227, 227 });
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", onnxInput) });
        float[] actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
        InteropAssert.Close(tensor(actual).reshape(2, 10), model.call(input), $"LRN size {lrnSize}");
    }

    [Fact]
    public void An_input_size_the_model_cannot_take_is_refused()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 10, new AlexNetOptions { ClassifierWidth = 8 });

        FluentActions.Invoking(() => OnnxExporter.ToBytes(model, new OnnxExportOptions { InputSize = new ImageSize(224, 224) }))
            .Should().Throw<ArgumentException>().WithMessage("*cannot take 224 x 224 input*227 to 258*");
        File.Exists("never-written.onnx").Should().BeFalse();
    }
}
