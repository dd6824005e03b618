namespace AlexNet.Core.Training;

/// <summary>Loss settings (configuration section <c>Loss</c> of <see cref="TrainerOptions"/>).</summary>
public sealed class LossOptions
{
    /// <summary>Which loss. Default <see cref="LossKind.Auto"/>.</summary>
    public LossKind Kind { get; set; } = LossKind.Auto;

    /// <summary>Label smoothing in [0, 1), as torch's <c>label_smoothing</c>. Default 0.</summary>
    public double LabelSmoothing { get; set; }
}
