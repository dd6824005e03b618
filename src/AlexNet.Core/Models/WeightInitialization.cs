using System;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>Applies a <see cref="WeightInit"/> scheme to freshly built layers.</summary>
internal static class WeightInitialization
{
    /// <summary>The paper's weight standard deviation (section 5).</summary>
    public const double PaperStd = 0.01;

    /// <summary>
    /// Initialises the convolutions and linear layers of <paramref name="layers"/>. The paper's scheme sets biases to 1
    /// in conv2, conv4, conv5 and every hidden linear layer (all but the last), 0 elsewhere.
    /// </summary>
    public static void Apply(LayerList layers, WeightInit scheme)
    {
        if (scheme == WeightInit.PyTorchDefault)
        {
            return; // TorchSharp's constructors already initialise as PyTorch's do
        }

        var convs = layers.Features.children().OfType<Conv2d>().ToList();
        var linears = layers.Classifier.children().OfType<Linear>().ToList();
        using var noGrad = no_grad();
        for (int i = 0; i < convs.Count; i++)
        {
            Initialise(convs[i].weight, convs[i].bias, scheme, paperBiasOne: i is 1 or 3 or 4);
        }

        for (int i = 0; i < linears.Count && scheme != WeightInit.PaperConvolutions; i++)
        {
            Initialise(linears[i].weight, linears[i].bias, scheme, paperBiasOne: i < linears.Count - 1);
        }
    }

    private static void Initialise(Tensor weight, Tensor? bias, WeightInit scheme, bool paperBiasOne)
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
}
