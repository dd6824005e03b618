using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Benchmarks.Precision;

/// <summary>
/// Floating-point operations of one training image: 3 x the forward pass's multiply-adds x 2 (the usual estimate:
/// backward costs twice the forward), counting convolutions and Linear layers only.
/// </summary>
internal static class TrainStepFlops
{
    /// <summary>Flops to train one image of <paramref name="channels"/> x <paramref name="size"/> x <paramref name="size"/> through <paramref name="model"/>.</summary>
    public static double PerImage(AlexNetModel model, int channels, int size)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool wasTraining = model.training;
        model.eval();
        double forward = 0;
        var x = zeros(1, channels, size, size);
        foreach (var layer in model.Features.children())
        {
            var y = ((nn.Module<Tensor, Tensor>)layer).call(x);
            if (layer is Conv2d conv)
            {
                forward += 2.0 * y.numel() * (conv.in_channels / conv.groups) * conv.kernel_size[0] * conv.kernel_size[1];
            }

            x = y;
        }

        foreach (var layer in model.Classifier.children())
        {
            if (layer is Linear linear)
            {
                forward += 2.0 * linear.in_features * linear.out_features;
            }
        }

        model.train(wasTraining);
        return 3 * forward;
    }
}
