using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// "32-true": float32 throughout. The model's own forward, or with channels-last its layers run one by one in
/// channels-last layout (same values up to rounding).
/// </summary>
internal sealed class FullPrecision : PrecisionPlugin
{
    private readonly bool _channelsLast;

    /// <summary>Creates the plugin; with <paramref name="channelsLast"/> the model must be an AlexNetModel.</summary>
    public FullPrecision(bool channelsLast)
    {
        _channelsLast = channelsLast;
    }

    /// <inheritdoc />
    public override bool ChannelsLast => _channelsLast;

    /// <inheritdoc />
    public override Tensor Forward(nn.Module<Tensor, Tensor> model, Tensor input) => _channelsLast
        ? LayerwiseForward.Run(LayerwiseForward.AsAlexNet(model), input, ScalarType.Float32, channelsLast: true)
        : model.call(input);
}
