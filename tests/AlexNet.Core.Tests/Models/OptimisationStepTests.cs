using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>Gradients reach every layer: one optimiser step on a tiny batch lowers the loss.</summary>
public class OptimisationStepTests
{
    [Theory]
    [InlineData(Variant.CifarBatchNorm, ModelOutput.Logits, 32)]
    [InlineData(Variant.CifarBatchNorm, ModelOutput.LogProbabilities, 28)]
    [InlineData(Variant.TorchVision, ModelOutput.Logits, 63)]
    public void One_sgd_step_on_a_tiny_batch_lowers_the_loss(Variant variant, ModelOutput output, int size)
    {
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { ClassifierWidth = 64, DropoutRate = 0, Output = output });
        using var scope = NewDisposeScope();
        Tensor images = randn(8, 3, size, size), labels = arange(8, dtype: ScalarType.Int64) % 10;
        using var optimizer = optim.SGD(model.parameters(), learningRate: 0.01, momentum: 0.9);
        Tensor Loss() => model.OutputsLogProbabilities
            ? nn.functional.nll_loss(model.call(images), labels)
            : nn.functional.cross_entropy(model.call(images), labels);
        model.train();

        Tensor before = Loss();
        optimizer.zero_grad();
        before.backward();
        optimizer.step();
        float after;
        using (no_grad())
        {
            after = Loss().item<float>();
        }

        after.Should().BeLessThan(before.item<float>());
        foreach (var (name, parameter) in model.named_parameters())
        {
            parameter.grad.Should().NotBeNull(name);
        }
    }
}
