using AlexNet.Core.Abstractions;
namespace AlexNet.Core.Models;

/// <summary>How <see cref="AlexNetFactory"/> initialises the weights of the convolutions and fully connected layers.</summary>
/// <remarks>
/// Values are drawn from TorchSharp's global generator: call <c>torch.manual_seed</c> before
/// <see cref="AlexNetFactory.Create"/> to get the same weights again. Batch-norm layers always start with
/// weight 1, bias 0, running mean 0 and running variance 1.
/// </remarks>
public enum WeightInit
{
    /// <summary>
    /// The paper's section 5: every weight from N(0, 0.01); biases 1 in conv2, conv4, conv5 and the two hidden fully
    /// connected layers (to give the ReLUs positive inputs early on), 0 everywhere else.
    /// </summary>
    Paper,

    /// <summary>
    /// The paper's scheme on the convolutions only (weights N(0, 0.01); biases 1 in conv2, conv4 and conv5, 0 in conv1
    /// and conv3) and PyTorch's defaults on the fully connected layers: what write-ups do that loop over their
    /// <c>features</c> with <c>nn.init.normal_(w, 0, 0.01)</c> and leave the <c>nn.Linear</c> layers alone.
    /// </summary>
    PaperConvolutions,

    /// <summary>
    /// PyTorch's (and TorchSharp's) layer defaults, as torchvision's AlexNet uses them: weights Kaiming-uniform with
    /// a = sqrt(5), that is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    /// </summary>
    PyTorchDefault,

    /// <summary>
    /// Xavier/Glorot-uniform weights, U(-a, a) with a = sqrt(6 / (fan_in + fan_out)), biases left at PyTorch's default:
    /// what Dive into Deep Learning's AlexNet chapter applies (<c>nn.init.xavier_uniform_</c> on every Conv2d and Linear).
    /// </summary>
    XavierUniform,
}
