using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// "bf16-mixed" and "16-mixed": convolutions and Linear layers of an AlexNetModel in the low precision over float32
/// weights (see <see cref="LayerwiseForward"/>); under "16-mixed" the loss is scaled by a
/// <see cref="DynamicLossScaler"/>, the gradients unscaled, and the optimizer step skipped when one is not finite.
/// </summary>
internal sealed class MixedPrecision : PrecisionPlugin
{
    private readonly ScalarType _computeType;
    private readonly bool _channelsLast;
    private readonly DynamicLossScaler? _lossScaler;
    private bool _gradientsFinite = true;

    /// <summary>Creates the plugin for an AlexNetModel; <paramref name="lossScaler"/> is given for "16-mixed" only.</summary>
    public MixedPrecision(ScalarType computeType, bool channelsLast, DynamicLossScaler? lossScaler)
    {
        _computeType = computeType;
        _channelsLast = channelsLast;
        _lossScaler = lossScaler;
    }

    /// <inheritdoc />
    public override ScalarType? ComputeType => _computeType;

    /// <inheritdoc />
    public override DynamicLossScaler? LossScaler => _lossScaler;

    /// <inheritdoc />
    public override bool ChannelsLast => _channelsLast;

    /// <inheritdoc />
    public override Tensor Forward(nn.Module<Tensor, Tensor> model, Tensor input) =>
        LayerwiseForward.Run(LayerwiseForward.AsAlexNet(model), input, _computeType, _channelsLast);

    /// <inheritdoc />
    public override void Backward(Tensor loss)
    {
        if (_lossScaler is null)
        {
            base.Backward(loss);
            return;
        }

        using var scaled = _lossScaler.ScaleLoss(loss);
        scaled.backward();
    }

    /// <inheritdoc />
    public override void UnscaleGradients(IReadOnlyList<Parameter> parameters) =>
        _gradientsFinite = _lossScaler?.UnscaleGradients(parameters) ?? true;

    /// <inheritdoc />
    public override void OptimizerStep(optim.Optimizer optimizer)
    {
        if (_gradientsFinite)
        {
            base.OptimizerStep(optimizer);
        }

        _lossScaler?.Update(_gradientsFinite);
    }
}
