using System;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Onnx;
using AlexNet.Core.Tests.Interop;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp.Modules;
using Tensor = TorchSharp.torch.Tensor;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models.Layers;

/// <summary>A layer type the library does not know: a learnable gain per channel, y = x * gain[c].</summary>
internal sealed class Scale : nn.Module<Tensor, Tensor>
{
    public Scale(long channels)
        : base(nameof(Scale))
    {
        Gain = nn.Parameter(ones(channels));
        register_parameter("weight", Gain);
    }

    public Parameter Gain { get; }

    /// <summary>The dtype of the last input, to see the mixed-precision rule at work.</summary>
    public ScalarType? LastInputType { get; private set; }

    public override Tensor forward(Tensor input)
    {
        LastInputType = input.dtype;
        using Tensor gain = Gain.reshape(1, -1, 1, 1);
        return input * gain;
    }
}

/// <summary>Everything the library needs to know about <see cref="Scale"/>, in one class.</summary>
internal sealed class ScaleKind : LayerKind<Scale>
{
    protected override long[]? OutputShape(Scale scale, long[] input) =>
        input.Length == 4 && input[1] == scale.Gain.shape[0] ? input : null;

    protected override long MultiplyAdds(Scale scale, long[] output) => output.Aggregate(1L, (a, b) => a * b);

    protected override Tensor ForwardMixed(Scale scale, Tensor x, ScalarType computeType, bool channelsLast) => InFloat32(scale, x);

    protected override string ToOnnx(OnnxGraph graph, string name, Scale scale, string input, long[] inputShape, long[] outputShape)
    {
        using Tensor gain = scale.Gain.detach().reshape(-1, 1, 1);
        return graph.Node("Mul", new[] { input, graph.Weight(name + ".weight", gain) });
    }

    protected override void Initialise(Scale scale, WeightInit scheme, bool paperBiasOne) => nn.init.normal_(scale.Gain, 1.0, 0.01);

    protected override void ResetForNewHead(Scale scale, WeightInit scheme) => scale.Gain.fill_(1.0);
}

/// <summary>
/// Adding a layer kind takes one class (<see cref="ScaleKind"/>) and one <see cref="LayerKinds.Register"/> call: geometry,
/// the model summary, the mixed-precision forward, ONNX export and weight initialisation then all handle the new layer.
/// </summary>
public class TestOnlyLayerKindTests
{
    public TestOnlyLayerKindTests() => LayerKinds.Register(new ScaleKind());

    [Fact]
    public void Geometry_and_the_model_summary_take_the_new_layer()
    {
        using var model = ModelWithScale(WeightInit.PyTorchDefault);

        ModelSummary summary = ModelSummary.Of(model, batchSize: 2);

        ModelSummaryRow row = summary.Rows.Single(r => r.Type == nameof(Scale));
        row.Name.Should().Be("features.1");
        row.OutputShape.Should().Equal(2, 64, 16, 16);
        row.Parameters.Should().Be(64);
        row.MultiplyAdds.Should().Be(2 * 64 * 16 * 16);
        model.Descriptor.MinimumInputSize.Should().Be(new ImageSize(2, 2), "the max-pool's 2 x 2 window is what limits the input");
    }

    [Fact]
    public void The_mixed_precision_forward_runs_the_new_layer_by_its_rule()
    {
        using var model = ModelWithScale(WeightInit.PyTorchDefault);
        model.eval();
        using var scope = NewDisposeScope();
        Tensor images = rand(2, 3, 16, 16);

        Tensor full = model.call(images);
        Tensor mixed = new MixedPrecision(ScalarType.BFloat16, channelsLast: false, lossScaler: null).Forward(model, images);

        mixed.dtype.Should().Be(ScalarType.Float32);
        ((Scale)model.Features[1]).LastInputType.Should().Be(ScalarType.Float32, "ScaleKind runs it in float32 after a bfloat16 convolution");
        double error = (mixed - full).abs().max().item<float>();
        error.Should().BeGreaterThan(0, "the convolution and linear layers must really have run in bfloat16");
        error.Should().BeLessThan(0.05 * full.abs().max().item<float>(), "bfloat16 keeps 8 significant bits");
    }

    [Fact]
    public void The_onnx_export_writes_the_new_layers_nodes()
    {
        using var model = ModelWithScale(WeightInit.PyTorchDefault);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ((Scale)model.Features[1]).Gain.copy_(linspace(0.5, 2.0, 64));
        Tensor input = rand(3, 3, 16, 16);
        Tensor expected = model.call(input);

        using var session = new InferenceSession(OnnxExporter.ToBytes(model));
        var onnxInput = new DenseTensor<float>(input.data<float>().ToArray().AsMemory(), new[] { 3, 3, 16, 16 });
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("input", onnxInput) });

        float[] actual = results.Single(r => r.Name == "output").AsEnumerable<float>().ToArray();
        InteropAssert.Close(tensor(actual).reshape(3, 10), expected, "the model with a Scale layer");
    }

    [Fact]
    public void Weight_initialisation_applies_the_new_layers_rule_and_keeps_the_papers_bias_rule_for_the_others()
    {
        using var model = ModelWithScale(WeightInit.Paper);

        Tensor gain = ((Scale)model.Features[1]).Gain;
        gain.mean().item<float>().Should().BeApproximately(1f, 0.05f);
        gain.std().item<float>().Should().BeInRange(0.001f, 0.05f);
        ((Conv2d)model.Features[0]).bias!.abs().sum().item<float>().Should().Be(0, "the paper's first convolution has bias 0");
        ((Linear)model.Classifier[0]).bias!.min().item<float>().Should().Be(1, "a hidden linear layer has bias 1 in the paper's scheme");
    }

    /// <summary>
    /// A small AlexNet-shaped model with a <see cref="Scale"/> after its convolution, initialised by <paramref name="scheme"/>.
    /// 64 channels: LibTorch's CPU bfloat16 convolution is far off (a third of the output) with 8 output channels.
    /// </summary>
    private static AlexNetModel ModelWithScale(WeightInit scheme)
    {
        var layers = new LayerList(
            Features: LayerList.Numbered(nn.Conv2d(3, 64, kernel_size: 3, padding: 1), new Scale(64), nn.ReLU(), nn.MaxPool2d(kernel_size: 2)),
            AvgPool: nn.AdaptiveAvgPool2d((2, 2)),
            Classifier: LayerList.Numbered(nn.Linear(64 * 2 * 2, 16), nn.ReLU(), nn.Linear(16, 10)));
        WeightInitialization.Apply(layers, scheme);
        var options = ResolvedOptions.Resolve(new AlexNetOptions { WeightInit = scheme }, TorchVisionAlexNet.Defaults);
        return new AlexNetModel(ModelDescriptorCache.Describe(Variant.TorchVision, 10, options, 16, layers), layers);
    }
}
