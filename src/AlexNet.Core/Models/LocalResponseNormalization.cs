using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>Builds TorchSharp's <c>LocalResponseNorm</c> from the paper's constants, converting alpha.</summary>
/// <remarks>
/// The paper computes b = a / (k + alpha * sum(a_j^2))^beta over the <c>size</c> channels around each one;
/// TorchSharp (like PyTorch) computes b = a / (k + alpha / size * sum(a_j^2))^beta. See <see cref="LrnAlphaConvention"/>.
/// </remarks>
public static class LocalResponseNormalization
{
    /// <summary>
    /// A <c>LocalResponseNorm</c> layer. With the defaults it is the paper's normalisation (n = 5, alpha = 1e-4,
    /// beta = 0.75, k = 2), that is TorchSharp's <c>LocalResponseNorm(5, 5e-4, 0.75, 2)</c>.
    /// </summary>
    /// <param name="size">Channels summed over (the paper's n).</param>
    /// <param name="alpha">Alpha, read as <paramref name="convention"/> says.</param>
    /// <param name="beta">Exponent.</param>
    /// <param name="k">Additive constant.</param>
    /// <param name="convention">
    /// <see cref="LrnAlphaConvention.Paper"/>: <paramref name="alpha"/> is the paper's, and TorchSharp gets alpha * size.
    /// <see cref="LrnAlphaConvention.PyTorch"/>: <paramref name="alpha"/> goes to TorchSharp unchanged.
    /// </param>
    public static LocalResponseNorm Create(int size = 5, double alpha = 1e-4, double beta = 0.75, double k = 2.0,
        LrnAlphaConvention convention = LrnAlphaConvention.Paper)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return nn.LocalResponseNorm(size, TorchSharpAlpha(size, alpha, convention), beta, k);
    }

    /// <summary>The alpha to give TorchSharp's <c>LocalResponseNorm</c> for <paramref name="alpha"/> read as <paramref name="convention"/>.</summary>
    internal static double TorchSharpAlpha(int size, double alpha, LrnAlphaConvention convention) => convention switch
    {
        LrnAlphaConvention.Paper => alpha * size,
        LrnAlphaConvention.PyTorch => alpha,
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Accepted: Paper or PyTorch."),
    };
}
