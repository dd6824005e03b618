namespace AlexNet.Core.Training;

/// <summary>
/// An exponential moving average of the weights (configuration section <c>Ema</c> of <see cref="TrainerOptions"/>), with
/// timm's <c>ModelEmaV2</c> rule: after every optimizer step, each floating-point entry of the state dict (parameters and
/// batch-norm statistics) becomes <c>decay * ema + (1 - decay) * model</c>; other entries (counters) are copied. The
/// average starts as a copy of the weights when the first fit starts and is kept in checkpoints.
/// Use it with <see cref="Trainer.UseEmaWeights"/>.
/// </summary>
public sealed class EmaOptions
{
    /// <summary>The decay, in [0, 1); 0 turns the average off. Default 0 (off); timm's usual value is 0.9998.</summary>
    public double Decay { get; set; }

    /// <summary>
    /// Warmup as in TensorFlow's and timm's <c>ModelEma</c>: the n-th update (0-based) uses
    /// <c>min(Decay, (1 + n) / (10 + n))</c>, so early updates follow the weights closely. Default false.
    /// </summary>
    public bool Warmup { get; set; }

    /// <summary>Validate on the averaged weights instead of the trained ones during <see cref="Trainer.Fit"/>. Default false.</summary>
    public bool Validate { get; set; }
}
