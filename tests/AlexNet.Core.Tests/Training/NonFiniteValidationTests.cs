using System;
using System.IO;
using AlexNet.Core.Metrics;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>A NaN validation loss is handled by the same policy as a NaN in training: it never passes silently.</summary>
public class NonFiniteValidationTests
{
    [Fact]
    public void A_nan_validation_loss_throws_by_default_naming_val_loss()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var images = rand(8, 1, 8, 8);
        using var labels = arange(8, dtype: int64).remainder(4);
        var validation = NanValidation(images, labels);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));

        var act = () => trainer.Fit(train, validation);

        var thrown = act.Should().Throw<TrainingDivergedException>()
            .WithMessage("Training diverged: the validation loss (val_loss) was NaN (not finite) at step 2, epoch 0. "
                + "The training steps were finite: check the validation data*").Which;
        thrown.Tensor.Should().Be(MetricNames.ValidationLoss);
        trainer.History.Count.Should().Be(0, "the epoch is not recorded as a success");
    }

    [Fact]
    public void A_nan_guard_with_the_stop_policy_stops_cleanly_naming_val_loss()
    {
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var images = rand(8, 1, 8, 8);
        using var labels = arange(8, dtype: int64).remainder(4);
        var validation = NanValidation(images, labels);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        trainer.Hooks.Add(new NanGuardHook { Policy = NonFinitePolicy.Stop });

        var result = trainer.Fit(train, validation);

        result.Completed.Should().BeFalse();
        result.StopReason.Should().Contain("val_loss is NaN");
    }

    [Fact]
    public void A_checkpoint_save_that_fails_inside_fit_surfaces_as_the_io_exception_it_is()
    {
        using var directory = new TempDirectory();
        string folder = directory.File("run");
        using var train = new InMemoryBatchSource(samples: 8, batchSize: 4);
        using var trainer = new Trainer(TrainingSetup.Model(), TrainingSetup.Options(epochs: 2));
        // After the hook has made its folder, the folder is replaced by a file: every save in it fails as on a full or lost disk.
        trainer.Hooks.Add(new FolderBecomesFileHook(folder));
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = folder, Monitor = string.Empty }));

        var act = () => trainer.Fit(train);

        act.Should().Throw<IOException>().Which.Should().NotBeOfType<AggregateException>();
    }

    private static TensorBatchSource NanValidation(Tensor images, Tensor labels)
    {
        images[3, 0, 2, 2] = tensor(float.NaN);
        return new TensorBatchSource(images, labels, batchSize: 4);
    }

    /// <summary>Replaces the checkpoint folder by a file when the first epoch starts (after CheckpointHook made the folder).</summary>
    private sealed class FolderBecomesFileHook(string folder) : TrainingHook
    {
        public override void OnTrainEpochStart(TrainingState state)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
                File.WriteAllText(folder, "not a folder");
            }
        }
    }
}
