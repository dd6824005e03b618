using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// Dropout that drops in evaluation mode too: PyTorch's functional <c>F.dropout(x, p)</c> called in a
/// <c>forward()</c>, whose <c>training</c> argument defaults to True whatever <c>model.eval()</c> says. Reproduces
/// write-ups that call it so (see <see cref="ReproductionOptions.DropoutInEvaluation"/>); it has no parameters.
/// </summary>
public sealed class AlwaysOnDropout : nn.Module<Tensor, Tensor>
{
    /// <summary>A layer that zeroes each element with probability <paramref name="probability"/> and scales the rest by 1 / (1 - p), in both modes.</summary>
    public AlwaysOnDropout(double probability)
        : base(nameof(AlwaysOnDropout))
    {
        Probability = probability;
    }

    /// <summary>The probability of zeroing an element.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => nn.functional.dropout(input, Probability, training: true);
}
