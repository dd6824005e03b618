using System;
using System.Globalization;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Checks made when a fit starts, before the first step, for failures that would otherwise come late or silently:
/// an epoch that ends in a batch of one image for a model with BatchNorm1d (fails at the end of the first epoch),
/// and a mid-epoch resume with another batch size (would continue at the wrong sample).
/// </summary>
/// <remarks>
/// Both need the size of one batch, which they ask the source for (<see cref="IBatchSource.CountSamples"/>): a
/// DataLoader over an in-memory dataset answers from its counts; other sources make that one batch to count it.
/// </remarks>
internal static class FitChecks
{
    /// <exception cref="ArgumentException">One of the checks fails; the message says what to change.</exception>
    public static void ThrowIfUnfit(nn.Module model, IBatchSource train, CheckpointMetadata? resumed, TrainingPosition position)
    {
        ThrowIfLastBatchBreaksBatchNorm(model, train);
        if (resumed is not null)
        {
            ThrowIfBatchSizeChanged(train, resumed, position);
        }
    }

    private static void ThrowIfLastBatchBreaksBatchNorm(nn.Module model, IBatchSource train)
    {
        if (!model.modules().OfType<BatchNorm1d>().Any())
        {
            return;
        }

        long lastBatch = train.BatchesPerEpoch == 1 ? train.SamplesPerEpoch : train.CountSamples(0, train.BatchesPerEpoch - 1);
        if (lastBatch != 1)
        {
            return;
        }

        string modelName = model.GetType().Name;
        string cause = train.BatchesPerEpoch == 1
            ? "The training source holds 1 sample, so each epoch is a single batch of 1 image"
            : LastBatchCause(train);
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{cause}, but the model {modelName} has batch norm over the batch (BatchNorm1d), which cannot train on one image: "
            + $"the first epoch would fail at its last batch. {Remedy(train)}"),
            nameof(train));
    }

    private static string LastBatchCause(IBatchSource train)
    {
        long samples = train.SamplesPerEpoch;
        long batchSize = (samples - 1) / (train.BatchesPerEpoch - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{samples} samples in batches of {batchSize} leave a last batch of 1 image");
    }

    private static string Remedy(IBatchSource train) => train.BatchesPerEpoch == 1
        ? "Train on at least 2 images."
        : "Set DataLoaderOptions.DropLast = true, or choose a batch size that leaves at least 2 images in the last batch.";

    private static void ThrowIfBatchSizeChanged(IBatchSource train, CheckpointMetadata resumed, TrainingPosition position)
    {
        if (position.Batch == 0 || position.Batch >= train.BatchesPerEpoch || resumed.BatchSize <= 0)
        {
            return;
        }

        long batchSize = train.CountSamples(position.Epoch, 0);
        if (batchSize == resumed.BatchSize)
        {
            return;
        }

        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"The run resumes mid-epoch (epoch {position.Epoch}, batch {position.Batch}) with batches of {batchSize} samples, but the checkpoint was written with batches of {resumed.BatchSize}: batch {position.Batch} would start at sample {position.Batch * batchSize} instead of {position.Batch * resumed.BatchSize}. Resume with a batch size of {resumed.BatchSize}, or from a checkpoint written at an epoch end."),
            nameof(train));
    }
}
