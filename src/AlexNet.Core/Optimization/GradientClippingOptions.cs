namespace AlexNet.Core.Optimization;

/// <summary>
/// Gradient clipping (configuration section <c>GradientClipping</c> of <c>TrainerOptions</c>), applied after
/// backward and before the optimizer step, on the device without reading anything back.
/// </summary>
public sealed class GradientClippingOptions
{
    /// <summary>Clip the total gradient norm to this value (as clip_grad_norm_); 0 = off. Default 0.</summary>
    public double MaxNorm { get; set; }

    /// <summary>The p of the norm for <see cref="MaxNorm"/>, &gt; 0 (Infinity for the largest absolute value). Default 2.</summary>
    public double NormType { get; set; } = 2;

    /// <summary>Clamp every gradient element to [-MaxValue, MaxValue] (as clip_grad_value_); 0 = off. Default 0.</summary>
    public double MaxValue { get; set; }
}
