using System;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// The forward pass of an <see cref="AlexNetModel"/> run layer by layer with <see cref="MixedPrecisionForward"/>'s
/// casts, in place of an autocast (TorchSharp has none): features, avgpool, flatten, classifier, then the
/// log-softmax when the model outputs log-probabilities. The scores come back in float32.
/// </summary>
internal static class LayerwiseForward
{
    /// <summary>
    /// <paramref name="input"/> through <paramref name="model"/>'s layers with convolutions and Linear layers in
    /// <paramref name="computeType"/>, optionally in channels-last layout. The caller owns the result.
    /// </summary>
    /// <exception cref="ArgumentException">The input does not suit the model (the model's own message).</exception>
    public static Tensor Run(AlexNetModel model, Tensor input, ScalarType computeType, bool channelsLast)
    {
        model.ThrowIfUnsuitable(input);
        var layers = model.Layers;
        using Tensor laidOut = channelsLast ? MixedPrecisionForward.ToChannelsLast(input) : input.alias();
        Tensor x = MixedPrecisionForward.Run(layers.Features, laidOut, computeType, channelsLast);
        if (layers.AvgPool is not null)
        {
            using Tensor unpooled = x;
            x = MixedPrecisionForward.Layer(layers.AvgPool, unpooled, computeType);
        }

        Tensor scores;
        using (x)
        using (Tensor flat = x.flatten(1))
        using (Tensor low = MixedPrecisionForward.Run(layers.Classifier, flat, computeType))
        {
            scores = MixedPrecisionForward.ToFloat32(low);
        }

        if (!model.OutputsLogProbabilities)
        {
            return scores;
        }

        using (scores)
        {
            return scores.log_softmax(1);
        }
    }

    /// <summary><paramref name="model"/> as an <see cref="AlexNetModel"/>, which the plugins check when they are created.</summary>
    /// <exception cref="InvalidOperationException">The module is not an <see cref="AlexNetModel"/>.</exception>
    public static AlexNetModel AsAlexNet(nn.Module<Tensor, Tensor> model) => model as AlexNetModel
        ?? throw new InvalidOperationException($"The layer-by-layer forward runs AlexNetModel's layers; got {model.GetType().Name}.");
}
