namespace AlexNet.Core.Models;

/// <summary>How <see cref="ReproductionOptions.LrnAlpha"/> is read.</summary>
/// <remarks>
/// <para>The paper (section 3.3) normalises activity a at channel i as
/// b = a / (k + alpha * sum(a_j^2))^beta, the sum running over the n channels around i, with n = 5, k = 2,
/// alpha = 1e-4 and beta = 0.75.</para>
/// <para>PyTorch's and TorchSharp's <c>LocalResponseNorm(size, alpha, beta, k)</c> compute
/// b = a / (k + alpha / size * sum(a_j^2))^beta: they divide alpha by the window size. The paper's normalisation is
/// therefore <c>LocalResponseNorm(5, 5e-4, 0.75, 2)</c>. Write-ups that pass the paper's 1e-4 straight to PyTorch
/// normalise five times more weakly than the paper; <see cref="PyTorch"/> reproduces them.</para>
/// </remarks>
public enum LrnAlphaConvention
{
    /// <summary>
    /// <see cref="ReproductionOptions.LrnAlpha"/> is the paper's alpha, applied to the plain sum of squares; the library
    /// passes alpha * size to TorchSharp. The default; with the default 1e-4 it is the paper's normalisation.
    /// </summary>
    Paper,

    /// <summary>
    /// <see cref="ReproductionOptions.LrnAlpha"/> is passed to TorchSharp unchanged, so it applies to the mean of the squares
    /// (alpha / size per term). With 1e-4 this is the normalisation of write-ups that call
    /// <c>nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)</c>: five times weaker than the paper's.
    /// </summary>
    PyTorch,
}
