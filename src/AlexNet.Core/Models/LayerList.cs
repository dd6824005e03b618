using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>The three stages of an AlexNet as the variant files declare them.</summary>
/// <param name="Features">The convolutional part, children named "0", "1", ... as torchvision's <c>features</c>.</param>
/// <param name="AvgPool">The adaptive average pool between the two, or null where the variant has none.</param>
/// <param name="Classifier">The fully connected part, children named as torchvision's <c>classifier</c>.</param>
internal sealed record LayerList(Sequential Features, AdaptiveAvgPool2d? AvgPool, Sequential Classifier)
{
    /// <summary>
    /// A Sequential whose children are named by their position, as a Python <c>nn.Sequential(...)</c> names them;
    /// null entries (layers an option switches off) are left out and do not take a number.
    /// </summary>
    public static Sequential Numbered(params nn.Module<Tensor, Tensor>?[] layers) =>
        nn.Sequential(layers.OfType<nn.Module<Tensor, Tensor>>().Select((layer, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), layer)));
}
