using System;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Training;

namespace AlexNet.Core.Tests.Models;

/// <summary>The seam between the model factory and the trainer's choice of loss (IClassifierOutput).</summary>
public class ClassifierOutputTests
{
    private static AlexNetModel Small(ModelOutput output) =>
        AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 16, Output = output });

    [Fact]
    public void A_log_softmax_model_is_trained_with_NLL_when_the_loss_is_left_on_auto()
    {
        using var model = Small(ModelOutput.LogProbabilities);

        ClassificationLoss.For(model, new LossOptions()).Kind.Should().Be(LossKind.Nll);
    }

    [Fact]
    public void A_logits_model_is_trained_with_cross_entropy_when_the_loss_is_left_on_auto()
    {
        using var model = Small(ModelOutput.Logits);

        ClassificationLoss.For(model, new LossOptions()).Kind.Should().Be(LossKind.CrossEntropy);
    }

    [Fact]
    public void Asking_for_NLL_on_a_logits_model_fails_naming_the_option()
    {
        using var model = Small(ModelOutput.Logits);

        var act = () => ClassificationLoss.For(model, new LossOptions { Kind = LossKind.Nll });

        act.Should().Throw<ArgumentException>().WithMessage("*Loss.Kind is Nll*AlexNetModel*outputs logits*");
    }
}
