using System.Linq;
using AlexNet.Core.Models;
using AlexNet.Core.Precision;
using AlexNet.Core.Tests.Training.Support;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Precision;

[Collection(SerialTorchCollection.Name)]
public class Bf16ForwardTests
{
    [Theory]
    [InlineData(Variant.CifarBatchNorm, 1, 28)]
    [InlineData(Variant.TorchVision, 3, 63)]
    public void Under_bf16_mixed_the_activations_stay_bfloat16_through_pooling_flatten_and_classifier(Variant variant, int channels, int size)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 64 });
        model.train();
        var layers = model.Layers;

        var features = MixedPrecisionForward.Run(layers.Features, rand(2, channels, size, size), ScalarType.BFloat16);
        var pooled = MixedPrecisionForward.Layer(layers.AvgPool!, features, ScalarType.BFloat16);
        var classified = MixedPrecisionForward.Run(layers.Classifier, pooled.flatten(1), ScalarType.BFloat16);

        features.dtype.Should().Be(ScalarType.BFloat16);
        pooled.dtype.Should().Be(ScalarType.BFloat16, "PyTorch's CPU autocast pools in bfloat16 too; no float32 round trip");
        classified.dtype.Should().Be(ScalarType.BFloat16);
    }

    /// <summary>
    /// The adaptive pool used to run in float32 (its bfloat16 input cast up, its output cast back by the next Linear).
    /// Pooling in bfloat16 rounds once more, by at most half a bfloat16 unit (2^-9 relative) per pooled value; the
    /// stated tolerance for the scores is 2% of their largest magnitude, the same order as the bf16 forward's own error.
    /// </summary>
    [Theory]
    [InlineData(Variant.CifarBatchNorm, 1, 28)]
    [InlineData(Variant.TorchVision, 3, 63)]
    public void The_bfloat16_pool_gives_the_scores_of_the_float32_pool_within_two_percent(Variant variant, int channels, int size)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(4);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 64 });
        model.eval();
        var images = rand(4, channels, size, size);
        var layers = model.Layers;

        var features = MixedPrecisionForward.Run(layers.Features, images, ScalarType.BFloat16);
        var pooledInFloat32 = layers.AvgPool!.call(features.to(ScalarType.Float32));
        var reference = MixedPrecisionForward.Run(layers.Classifier, pooledInFloat32.flatten(1), ScalarType.BFloat16).to(ScalarType.Float32);
        var scores = LayerwiseForward.Run(model, images, ScalarType.BFloat16, channelsLast: false);

        double scale = reference.abs().max().item<float>();
        (scores - reference).abs().max().item<float>().Should().BeLessThan((float)(0.02 * scale));
    }

    [Fact]
    public void Float32_through_the_layerwise_forward_is_bitwise_the_models_own_forward()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1, ClassifierWidth = 64 });
        model.eval();
        var images = rand(3, 1, 28, 28);

        var own = model.call(images);
        var layerwise = LayerwiseForward.Run(model, images, ScalarType.Float32, channelsLast: false);

        layerwise.data<float>().ToArray().Should().Equal(own.data<float>().ToArray());
    }

    /// <summary>
    /// Channels-last changes only the order in which oneDNN sums the bfloat16 products (each sum is accumulated in
    /// float32 and rounded once to bfloat16), so the scores stay within the bf16 forward's own rounding: the stated
    /// tolerance is 2% of their largest magnitude in evaluation mode (in training mode batch norm over a batch of 4
    /// magnifies rounding differences), and the training-mode weight gradients point the same way (cosine above 0.99,
    /// the bound the bf16 against float32 gradient test uses).
    /// </summary>
    [Theory]
    [InlineData(Variant.CifarBatchNorm, 1, 28)]
    [InlineData(Variant.TorchVision, 3, 63)]
    [InlineData(Variant.Paper, 3, 227)]
    public void The_channels_last_bf16_forward_gives_the_default_layouts_bf16_scores_and_gradients_within_rounding(Variant variant, int channels, int size)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(6);
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 64, DropoutRate = 0 });
        var images = rand(4, channels, size, size);
        var labels = tensor(new long[] { 0, 1, 2, 3 });

        model.train();
        var (_, defaultGrad) = ScoresAndFirstGradient(model, images, labels, channelsLast: false);
        var (_, channelsLastGrad) = ScoresAndFirstGradient(model, images, labels, channelsLast: true);
        model.eval();
        var (defaultScores, _) = ScoresAndFirstGradient(model, images, labels, channelsLast: false);
        var (channelsLastScores, _) = ScoresAndFirstGradient(model, images, labels, channelsLast: true);

        double scale = defaultScores.abs().max().item<float>();
        (channelsLastScores - defaultScores).abs().max().item<float>().Should().BeLessThan((float)(0.02 * scale));
        double cosine = (defaultGrad * channelsLastGrad).sum().item<float>() / (defaultGrad.norm().item<float>() * channelsLastGrad.norm().item<float>());
        cosine.Should().BeGreaterThan(0.99);
    }

    private static (Tensor Scores, Tensor Gradient) ScoresAndFirstGradient(AlexNetModel model, Tensor images, Tensor labels, bool channelsLast)
    {
        model.zero_grad();
        var scores = LayerwiseForward.Run(model, images, ScalarType.BFloat16, channelsLast);
        nn.functional.cross_entropy(scores, labels).backward();
        var weight = model.parameters().First();
        return (scores.detach(), weight.grad!.clone());
    }
}
