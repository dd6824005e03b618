using System;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// Applies a <see cref="WeightInit"/> scheme to freshly built layers through their <see cref="LayerKind"/>s, and holds
/// the schemes' rules for a weight and bias, which the kinds of convolutions and linear layers call.
/// </summary>
internal static class WeightInitialization
{
    /// <summary>The paper's weight standard deviation (section 5).</summary>
    public const double PaperStd = 0.01;

    /// <summary>
    /// Initialises every layer of <paramref name="layers"/> under <paramref name="scheme"/>, in forward order (features,
    /// then classifier; <see cref="WeightInit.PaperConvolutions"/> leaves the classifier alone). The paper's scheme sets
    /// biases to 1 in conv2, conv4, conv5 and every hidden linear layer (all but the last), 0 elsewhere: counted over the
    /// weight layers (<see cref="LayerKind.IsWeightLayer"/>) of each stage.
    /// </summary>
    public static void Apply(LayerList layers, WeightInit scheme)
    {
        if (scheme == WeightInit.PyTorchDefault)
        {
            return; // TorchSharp's constructors already initialise as PyTorch's do
        }

        using var noGrad = no_grad();
        Apply(layers.Features, scheme, paperBiasOne: (index, count) => index is 1 or 3 or 4);
        if (scheme != WeightInit.PaperConvolutions)
        {
            Apply(layers.Classifier, scheme, paperBiasOne: (index, count) => index < count - 1);
        }
    }

    /// <summary>
    /// Initialises <paramref name="weight"/> and <paramref name="bias"/> of a convolution or linear layer under
    /// <paramref name="scheme"/>: the paper's N(0, 0.01) with bias 1 or 0 (<paramref name="paperBiasOne"/>), or
    /// Xavier-uniform weights with the bias left as built.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scheme"/> is <see cref="WeightInit.PyTorchDefault"/> or undefined.</exception>
    public static void Initialise(Tensor weight, Tensor? bias, WeightInit scheme, bool paperBiasOne)
    {
        switch (scheme)
        {
            case WeightInit.Paper:
            case WeightInit.PaperConvolutions:
                nn.init.normal_(weight, 0.0, PaperStd);
                bias?.fill_(paperBiasOne ? 1.0 : 0.0);
                break;
            case WeightInit.XavierUniform:
                nn.init.xavier_uniform_(weight);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Accepted: Paper, PaperConvolutions, PyTorchDefault, XavierUniform.");
        }
    }

    /// <summary>
    /// Re-initialises <paramref name="weight"/> and <paramref name="bias"/> as those of a new fully connected layer
    /// under <paramref name="scheme"/>: the paper's N(0, 0.01) with bias 0; Xavier-uniform weights; otherwise
    /// (<see cref="WeightInit.PyTorchDefault"/>, and <see cref="WeightInit.PaperConvolutions"/>, which leaves fully
    /// connected layers at PyTorch's defaults) Kaiming-uniform with a = sqrt(5), as PyTorch's constructors do. Outside
    /// the paper's scheme the bias is drawn from U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    /// </summary>
    public static void Reset(Tensor weight, Tensor? bias, WeightInit scheme)
    {
        if (scheme == WeightInit.Paper)
        {
            Initialise(weight, bias, scheme, paperBiasOne: false);
            return;
        }

        if (scheme == WeightInit.XavierUniform)
        {
            Initialise(weight, bias, scheme, paperBiasOne: false);
        }
        else
        {
            nn.init.kaiming_uniform_(weight, Math.Sqrt(5)); // what nn.Linear's and nn.Conv2d's constructors do
        }

        long fanIn = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        if (bias is not null)
        {
            nn.init.uniform_(bias, -bound, bound);
        }
    }

    /// <summary>
    /// Initialises each layer of <paramref name="stage"/>; <paramref name="paperBiasOne"/> maps (index among the stage's
    /// weight layers, their count) to the paper's bias-one rule.
    /// </summary>
    private static void Apply(Sequential stage, WeightInit scheme, Func<int, int, bool> paperBiasOne)
    {
        var layers = stage.children().Select(module => (Module: module, Kind: LayerKinds.For(module))).ToList();
        int count = layers.Count(layer => layer.Kind.IsWeightLayer);
        int index = 0;
        foreach (var (module, kind) in layers)
        {
            bool biasOne = false;
            if (kind.IsWeightLayer)
            {
                biasOne = paperBiasOne(index, count);
                index++;
            }

            kind.Initialise(module, scheme, biasOne);
        }
    }
}
