using System;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Precision;
using AlexNet.Core.Schedules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// What the trainer's parts share: the model, options, strategy, precision plugin, loss, optimizer, running sums,
/// divergence check, hooks and state, plus what a fit in progress carries (schedule, pending resume).
/// </summary>
internal sealed class TrainerContext : IDisposable
{
    /// <summary>Builds the parts for <paramref name="model"/> on <paramref name="device"/> (the root device).</summary>
    /// <exception cref="ArgumentException">
    /// No trainable parameters, a loss or precision that does not fit the model, or several devices for a model without replicas.
    /// </exception>
    /// <exception cref="InvalidOperationException">"16-mixed" on a device other than CUDA.</exception>
    public TrainerContext(Trainer trainer, nn.Module<Tensor, Tensor> model, TrainerOptions options, Device device)
    {
        Options = options;
        Model = model;
        Precision = PrecisionPlugin.Create(options.Precision, options.ChannelsLast, model, device);
        Strategy = Strategy.Create(model, options, device);
        bool onCuda = device.type == DeviceType.CUDA;
        if (onCuda)
        {
            Reproducibility.ConfigureCuda(options.Deterministic);
        }

        ReseedCudaPerStep = onCuda && options.Deterministic;
        Parameters = model.parameters().Where(p => p.requires_grad).ToArray();
        if (Parameters.Length == 0)
        {
            Strategy.Dispose();
            throw new ArgumentException($"The model {model.GetType().Name} has no trainable parameters.", nameof(model));
        }

        InputType = Parameters[0].dtype;
        Loss = ClassificationLoss.For(model, options.Loss);
        Mixing = options.Mixing.IsEnabled ? new BatchMixing(options.Mixing, options.Seed, options.Loss.LabelSmoothing) : null;
        TrainSums = new ClassificationAccumulator(device, reduceSums: Strategy.WorldSize > 1 ? Strategy.ReduceMetricSums : null);
        Divergence = new NonFiniteLossCheck(device);
        State = new TrainingState(trainer, TrainSums.Read) { LearningRate = options.Optimizer.LearningRate, IsGlobalZero = Strategy.IsGlobalZero };
        Optimizer = new OptimizerSlot(model, options.Optimizer, State);
        Accumulation = new GradientAccumulation(options.AccumulateGradientBatches);
        Ema = new ExponentialMovingAverage(model, options.Ema);
    }

    /// <summary>The moving average of the weights (off unless <see cref="TrainerOptions.Ema"/> sets a decay).</summary>
    public ExponentialMovingAverage Ema { get; }

    /// <summary>Which batches step the optimizer, and the accumulated gradients' checkpoint state.</summary>
    public GradientAccumulation Accumulation { get; }

    /// <summary>The trainer's validated copy of its options.</summary>
    public TrainerOptions Options { get; }

    /// <summary>The model (on the strategy's root device).</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>Devices, replicas and reductions.</summary>
    public Strategy Strategy { get; }

    /// <summary>Forward, backward and optimizer step in the training precision.</summary>
    public PrecisionPlugin Precision { get; }

    /// <summary>The loss (Auto resolved).</summary>
    public ClassificationLoss Loss { get; }

    /// <summary>Mixup / CutMix of the training batches, or null when off.</summary>
    public BatchMixing? Mixing { get; }

    /// <summary>The optimizer and its learning-rate settings.</summary>
    public OptimizerSlot Optimizer { get; }

    /// <summary>The running training metric sums of the current epoch, on the root device.</summary>
    public ClassificationAccumulator TrainSums { get; }

    /// <summary>The per-step NaN / infinity watch.</summary>
    public NonFiniteLossCheck Divergence { get; }

    /// <summary>The hooks and how they are called.</summary>
    public HookRunner Hooks { get; } = new();

    /// <summary>The state hooks see.</summary>
    public TrainingState State { get; }

    /// <summary>The trainable parameters, in the model's order.</summary>
    public Parameter[] Parameters { get; }

    /// <summary>The dtype images are given to the model in (the parameters').</summary>
    public ScalarType InputType { get; }

    /// <summary>Deterministic mode on CUDA: the CUDA generator is re-seeded from (Seed, step) at every step.</summary>
    public bool ReseedCudaPerStep { get; }

    /// <summary>The schedule of the current (or last) fit, or null before the first.</summary>
    public LearningRateSchedule? Schedule { get; set; }

    /// <summary>The checkpoint <see cref="Trainer.Resume"/> loaded, applied (and cleared) when the next fit starts.</summary>
    public LoadedCheckpoint? PendingResume { get; set; }

    /// <summary>How many fits have ended (the first seeds the generators).</summary>
    public int FitCount { get; set; }

    /// <summary>How many times validation sums were read back, for tests.</summary>
    public long ValidationReads { get; set; }

    /// <summary>Moves images to the root device in the model's dtype; integer images (uint8) are scaled to [0, 1].</summary>
    public Tensor ToModelInput(Tensor images)
    {
        var onDevice = Strategy.ToDevice(images);
        if (!onDevice.is_floating_point())
        {
            return onDevice.to(InputType).div_(255);
        }

        return onDevice.dtype == InputType ? onDevice : onDevice.to(InputType);
    }

    /// <summary>
    /// The batch's labels on the root device, after checking them against the width of <paramref name="scores"/>:
    /// the one label-range check of training and evaluation.
    /// </summary>
    /// <remarks>Integer labels of another type than int64 (int32, uint8, ...) are converted to int64, the type the loss takes.</remarks>
    /// <exception cref="ArgumentException">The labels are not integers, or a label is outside the model's classes.</exception>
    public Tensor Labels(Batch batch, Tensor scores, int index, int? epoch)
    {
        LabelRange.ThrowIfNotIntegers(batch.Labels, index, epoch);
        LabelRange.ThrowIfOutOfRange(batch.Labels, scores.shape[^1], index, epoch);
        Tensor labels = Strategy.ToDevice(batch.Labels);
        return labels.dtype == ScalarType.Int64 ? labels : labels.to(ScalarType.Int64);
    }

    /// <summary>The model's outputs for prepared input on the root device, in the training precision (evaluation and prediction).</summary>
    public Tensor Forward(Tensor input) => Precision.Forward(Model, input);

    /// <summary>Disposes what the trainer owns (never the model).</summary>
    public void Dispose()
    {
        PendingResume?.Dispose();
        Ema.Dispose();
        TrainSums.Dispose();
        Divergence.Dispose();
        Optimizer.Dispose();
        Strategy.Dispose();
    }
}
