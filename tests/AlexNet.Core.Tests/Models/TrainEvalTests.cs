using AlexNet.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>Training and evaluation modes: dropout only while training; batch norm on running statistics in eval.</summary>
public class TrainEvalTests
{
    [Fact]
    public void Dropout_is_active_in_training_and_off_in_eval()
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 64 });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = randn(2, 3, 63, 63);

        model.train();
        bool trainingRepeats = model.call(input).allclose(model.call(input), rtol: 0, atol: 0);
        model.eval();
        bool evalRepeats = model.call(input).allclose(model.call(input), rtol: 0, atol: 0);

        trainingRepeats.Should().BeFalse("dropout draws a new mask on each training pass");
        evalRepeats.Should().BeTrue("dropout is the identity in eval");
    }

    [Fact]
    public void Batch_norm_uses_running_statistics_in_eval_so_an_image_scores_the_same_in_any_batch()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32, DropoutRate = 0 });
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor image = randn(1, 3, 32, 32);
        Tensor batchA = cat(new[] { image, randn(3, 3, 32, 32) }), batchB = cat(new[] { image, randn(3, 3, 32, 32) * 5 });

        model.train();
        Tensor trainA = model.call(batchA)[0], trainB = model.call(batchB)[0];
        model.eval();
        Tensor evalA = model.call(batchA)[0], evalB = model.call(batchB)[0], alone = model.call(image)[0];

        trainA.allclose(trainB, rtol: 1e-3, atol: 1e-4).Should().BeFalse("training normalises over the batch");
        evalA.allclose(evalB, rtol: 1e-5, atol: 1e-5).Should().BeTrue();
        evalA.allclose(alone, rtol: 1e-5, atol: 1e-5).Should().BeTrue();
    }

    [Fact]
    public void Running_statistics_move_in_training_and_stay_put_in_eval()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });
        var norm = (BatchNorm2d)model.Features[1];
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = randn(4, 3, 32, 32) + 3;

        model.eval();
        model.call(input);
        Tensor afterEval = norm.running_mean!.clone();
        model.train();
        model.call(input);

        afterEval.count_nonzero().item<long>().Should().Be(0, "eval leaves the running mean at its initial 0");
        norm.running_mean!.count_nonzero().item<long>().Should().Be(64);
        norm.num_batches_tracked!.item<long>().Should().Be(1);
    }
}
