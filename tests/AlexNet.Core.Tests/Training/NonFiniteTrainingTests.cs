using System;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>
/// A NaN or infinity anywhere in a training step stops training by default, naming the first bad step, its epoch and
/// the tensor that went bad first; it is found on the device and read back only at log intervals.
/// </summary>
public class NonFiniteTrainingTests
{
    [Fact]
    public void One_nan_pixel_throws_at_the_next_log_interval_naming_the_input_the_step_and_the_epoch()
    {
        using var images = rand(40, 1, 8, 8);
        images[5, 0, 3, 3] = tensor(float.NaN); // sample 5 is in batch 1: step 2
        using var labels = arange(40, dtype: int64).remainder(4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3, logInterval: 5));

        var act = () => trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        var thrown = act.Should().Throw<TrainingDivergedException>()
            .WithMessage("Training diverged: the input was first not finite (NaN or infinite) at step 2, epoch 0*").Which;
        thrown.Step.Should().Be(2);
        thrown.Epoch.Should().Be(0);
        thrown.Tensor.Should().Be("input");
        trainer.GlobalStep.Should().Be(5, "the flag is read back at the first log interval, not after every step");
    }

    [Fact]
    public void A_loss_that_overflows_names_the_loss()
    {
        using var train = new InMemoryBatchSource(samples: 40, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 3, logInterval: 5);
        options.Optimizer.LearningRate = 1e30;
        using var trainer = new Trainer(TrainingSetup.Model(), options);

        var act = () => trainer.Fit(train);

        act.Should().Throw<TrainingDivergedException>().Which.Tensor.Should().BeOneOf("loss", "gradient");
    }

    [Fact]
    public void A_non_finite_gradient_under_a_finite_loss_names_the_gradient()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(new SqrtAtZeroNet(), TrainingSetup.Options(epochs: 1));

        var act = () => trainer.Fit(train);

        act.Should().Throw<TrainingDivergedException>()
            .WithMessage("*the gradient was first not finite*at step 1, epoch 0*").Which.Tensor.Should().Be("gradient");
    }

    [Fact]
    public void The_nan_guard_with_the_stop_policy_ends_the_fit_without_an_exception()
    {
        using var images = rand(40, 1, 8, 8);
        images[5, 0, 3, 3] = tensor(float.NaN);
        using var labels = arange(40, dtype: int64).remainder(4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 3, logInterval: 5));
        trainer.Hooks.Add(new NanGuardHook());

        var result = trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        result.Completed.Should().BeFalse();
        result.StopReason.Should().StartWith("NaN guard: the input is not finite (NaN or infinite) at step 2, epoch 0.");
    }

    [Fact]
    public void The_nan_guard_with_the_warn_policy_records_the_problem_and_trains_on()
    {
        using var images = rand(40, 1, 8, 8);
        images[5, 0, 3, 3] = tensor(float.NaN);
        using var labels = arange(40, dtype: int64).remainder(4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2, logInterval: 5));
        var guard = new NanGuardHook { Policy = NonFinitePolicy.Warn };
        trainer.Hooks.Add(guard);

        var result = trainer.Fit(new TensorBatchSource(images, labels, batchSize: 4));

        result.Completed.Should().BeTrue();
        guard.Warnings.Should().NotBeEmpty();
        guard.Warnings[0].Should().StartWith("NaN guard: the input is not finite (NaN or infinite) at step 2, epoch 0.");
    }

    [Fact]
    public void The_nan_guard_with_the_throw_policy_also_reports_a_finite_loss_above_its_divergence_threshold()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        var options = TrainingSetup.Options(epochs: 1);
        options.Optimizer.LearningRate = 1e-30;
        using var trainer = new Trainer(new HugeLogitNet(), options);
        trainer.Hooks.Add(new NanGuardHook { Policy = NonFinitePolicy.Throw, DivergenceThreshold = 1e6 });

        var act = () => trainer.Fit(train);

        var thrown = act.Should().Throw<TrainingDivergedException>()
            .WithMessage("Training diverged: the loss was first above the divergence threshold 1000000 (it was *E+*) at step 1, epoch 0*").Which;
        thrown.Tensor.Should().Be("loss");
        thrown.Loss.Should().BeGreaterThan(1e15).And.Match(l => double.IsFinite(l));
    }

    [Fact]
    public void A_finite_loss_below_the_threshold_trains_to_completion()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2, logInterval: 1));
        var guard = new NanGuardHook { Policy = NonFinitePolicy.Throw, DivergenceThreshold = 1e6 };
        trainer.Hooks.Add(guard);

        trainer.Fit(train).Completed.Should().BeTrue();
        guard.Message.Should().BeNull();
    }

    /// <summary>Linear logits times (1 + sqrt(s)) with s = 0: the loss is finite, the gradient of s is infinite.</summary>
    private sealed class SqrtAtZeroNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear linear;
        private readonly Parameter scale;

        public SqrtAtZeroNet()
            : base(nameof(SqrtAtZeroNet))
        {
            linear = nn.Linear(64, 4);
            scale = new Parameter(zeros(1));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => linear.call(input.flatten(1)).mul(scale.sqrt().add(1));
    }

    /// <summary>Linear logits times 1e18: a finite but enormous loss.</summary>
    private sealed class HugeLogitNet : nn.Module<Tensor, Tensor>
    {
        private readonly Linear linear;

        public HugeLogitNet()
            : base(nameof(HugeLogitNet))
        {
            linear = nn.Linear(64, 4);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => linear.call(input.flatten(1)).mul(1e18);
    }
}
