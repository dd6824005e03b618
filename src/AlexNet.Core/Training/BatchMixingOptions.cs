namespace AlexNet.Core.Training;

/// <summary>
/// Mixup and CutMix (configuration section <c>Mixing</c> of <see cref="TrainerOptions"/>), with timm's <c>Mixup</c>
/// semantics: image i is mixed with image N - 1 - i of the batch (the batch flipped), the targets become the smoothed
/// one-hot labels (<see cref="LossOptions.LabelSmoothing"/>) mixed with the same weights, and the loss becomes the
/// soft-target cross-entropy. Off by default: mixing is on when <see cref="MixupAlpha"/> or <see cref="CutMixAlpha"/>
/// is positive, or <see cref="CutMixMaxRatio"/> is set. See docs/trainer.md, "Mixup and CutMix".
/// </summary>
public sealed class BatchMixingOptions
{
    /// <summary>Alpha of the Beta(alpha, alpha) mixup weight; 0 turns mixup off. Default 0.</summary>
    public double MixupAlpha { get; set; }

    /// <summary>Alpha of the Beta(alpha, alpha) CutMix weight; 0 turns CutMix off (unless a min/max box is set). Default 0.</summary>
    public double CutMixAlpha { get; set; }

    /// <summary>
    /// With <see cref="CutMixMaxRatio"/>, timm's <c>cutmix_minmax</c>: box sides drawn as fractions of the image sides
    /// in [min, max) instead of from the weight; the CutMix alpha is then 1. Default 0.
    /// </summary>
    public double CutMixMinRatio { get; set; }

    /// <summary>The upper fraction of <c>cutmix_minmax</c>; 0 (the default) leaves the min/max box off.</summary>
    public double CutMixMaxRatio { get; set; }

    /// <summary>Probability that a batch, pair or image (see <see cref="Mode"/>) is mixed at all, in [0, 1]. Default 1.</summary>
    public double Probability { get; set; } = 1.0;

    /// <summary>Probability of CutMix instead of mixup when both are on, in [0, 1]. Default 0.5.</summary>
    public double SwitchProbability { get; set; } = 0.5;

    /// <summary>Whether one draw serves the batch, a pair or an image. Default <see cref="BatchMixingMode.Batch"/>.</summary>
    public BatchMixingMode Mode { get; set; } = BatchMixingMode.Batch;

    /// <summary>
    /// timm's <c>correct_lam</c>: the CutMix weight becomes 1 - (box area / image area) after the box is clipped to the
    /// image (always so for a min/max box). Default true.
    /// </summary>
    public bool CorrectLambda { get; set; } = true;

    /// <summary>Whether mixing is on: a positive alpha or a min/max box.</summary>
    internal bool IsEnabled => MixupAlpha > 0 || CutMixAlpha > 0 || UsesMinMaxBox;

    /// <summary>Whether the min/max box is set.</summary>
    internal bool UsesMinMaxBox => CutMixMaxRatio > 0;

    /// <summary>The CutMix alpha in use (1 with a min/max box, as timm forces).</summary>
    internal double EffectiveCutMixAlpha => UsesMinMaxBox ? 1.0 : CutMixAlpha;
}
