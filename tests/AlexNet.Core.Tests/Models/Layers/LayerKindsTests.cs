using System;
using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models.Layers;

/// <summary>The table of layer kinds: lookup by exact module type, and registration.</summary>
public class LayerKindsTests
{
    [Fact]
    public void A_module_without_a_kind_is_refused_with_its_type_and_the_known_kinds()
    {
        using var tanh = nn.Tanh();

        FluentActions.Invoking(() => LayerKinds.For(tanh)).Should().Throw<NotSupportedException>()
            .WithMessage($"*{typeof(Tanh).FullName}*Conv2d*Linear*LocalResponseNorm*");
    }

    [Fact]
    public void Every_layer_of_every_variant_has_a_kind()
    {
        foreach (Variant variant in Enum.GetValues<Variant>())
        {
            using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { ClassifierWidth = 16, Reproduction = { DropoutInEvaluation = variant != Variant.CifarBatchNorm } });
            foreach (var (_, module) in LayerGeometry.Stages(model.Layers))
            {
                LayerKinds.For(module).ModuleType.Should().Be(module.GetType());
            }
        }
    }

    [Fact]
    public void A_second_kind_for_a_known_module_type_is_refused_and_the_same_kind_again_is_accepted()
    {
        LayerKinds.Register(new Conv2dKind());

        FluentActions.Invoking(() => LayerKinds.Register(new OtherConv2dKind())).Should().Throw<InvalidOperationException>()
            .WithMessage("*Conv2d*Conv2dKind*");
    }

    private sealed class OtherConv2dKind : LayerKind<Conv2d>
    {
        protected override long[]? OutputShape(Conv2d module, long[] input) => input;

        protected override Tensor ForwardMixed(Conv2d module, Tensor x, ScalarType computeType, bool channelsLast) => AsArrives(module, x);

        protected override string ToOnnx(Onnx.OnnxGraph graph, string name, Conv2d module, string input, long[] inputShape, long[] outputShape) => input;
    }
}
