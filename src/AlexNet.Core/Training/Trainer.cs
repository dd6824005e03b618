using System;
using System.Collections.Generic;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Precision;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Trains a classification model: <c>new Trainer(model, options)</c>, add hooks, call <see cref="Fit"/>. Also
/// evaluates (<see cref="Evaluate"/>), predicts (<see cref="Predict"/>), writes checkpoints
/// (<see cref="SaveCheckpoint"/>) and resumes from them (<see cref="Resume"/>). See docs/trainer.md.
/// </summary>
/// <remarks>
/// <para>The trainer moves the model to the configured device, creates the optimizer over its trainable parameters and
/// applies the precision around it. It does not own the model: disposing the trainer leaves the model usable.</para>
/// <para>Every training and evaluation step runs in its own dispose scope, and metrics stay on the device until a
/// log interval or an epoch end, so native memory stays flat and the host never waits on the device per step.</para>
/// <para>Create and use a trainer outside any dispose scope of your own: it keeps tensors (optimizer state, metric
/// sums) alive across calls.</para>
/// </remarks>
public sealed class Trainer : IDisposable
{
    private readonly TrainerContext _context;
    private readonly FitLoop _fit;
    private readonly EvaluationLoop _evaluation;
    private readonly TrainerCheckpoints _checkpoints;
    private bool _disposed;

    /// <summary>Creates a trainer for <paramref name="model"/>, validating <paramref name="options"/> and resolving its device.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (every failure is listed).</exception>
    /// <exception cref="InvalidOperationException">The device asked for is not available (for example "cuda" on a CPU build).</exception>
    /// <exception cref="ArgumentException">The model has no trainable parameters, or the loss or precision does not fit the model.</exception>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options)
        : this(model, options, Strategy.ResolveRootDevice)
    {
    }

    /// <summary>Creates a trainer on an explicit device (for tests, such as the meta device).</summary>
    internal Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options, Device device)
        : this(model, options, _ => device)
    {
    }

    private Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options, Func<TrainerOptions, Device> device)
    {
        var copy = TrainerOptions.ValidatedCopy(options);
        ArgumentNullException.ThrowIfNull(model);
        _context = new TrainerContext(this, model, copy, device(copy));
        _evaluation = new EvaluationLoop(_context);
        _fit = new FitLoop(_context, _evaluation);
        _checkpoints = new TrainerCheckpoints(_context);
    }

    /// <summary>The model being trained (on <see cref="Device"/>).</summary>
    public nn.Module<Tensor, Tensor> Model => _context.Model;

    /// <summary>A copy of the options the trainer was created with (changing it has no effect).</summary>
    public TrainerOptions Options => _context.Options;

    /// <summary>The device the model lives on (the first of <see cref="Devices"/>).</summary>
    public Device Device => _context.Strategy.RootDevice;

    /// <summary>The devices training runs on: <see cref="TrainerOptions.Devices"/> when set, else <see cref="Device"/> alone.</summary>
    public IReadOnlyList<Device> Devices => _context.Strategy.Devices;

    /// <summary>This process's rank in a distributed run (0 in one process); only rank 0 prints and writes files.</summary>
    public int Rank => _context.Strategy.Rank;

    /// <summary>The number of processes training together (1 in one process; see <see cref="TrainerOptions.Distributed"/>).</summary>
    public int WorldSize => _context.Strategy.WorldSize;

    /// <summary>TorchSharp's optimizer over the model's trainable parameters.</summary>
    public optim.Optimizer Optimizer => _context.Optimizer.Optimizer;

    /// <summary>The loss in use: <see cref="LossKind.CrossEntropy"/> or <see cref="LossKind.Nll"/> (Auto resolved).</summary>
    public LossKind Loss => _context.Loss.Kind;

    /// <summary>The hooks, called in this order. Add them before <see cref="Fit"/>.</summary>
    public IList<TrainingHook> Hooks => _context.Hooks.Hooks;

    /// <summary>The state hooks see; also readable between fits (position, step, history).</summary>
    public TrainingState State => _context.State;

    /// <summary>Where the next fit continues.</summary>
    public TrainingPosition Position => State.Position;

    /// <summary>Optimizer steps taken so far, across resumes.</summary>
    public long GlobalStep => State.GlobalStep;

    /// <summary>The per-epoch metrics so far.</summary>
    public MetricsHistory History => State.History;

    /// <summary>The precision plugin, for tests.</summary>
    internal PrecisionPlugin Precision => _context.Precision;

    /// <summary>How many times metric sums were read back to the host (training and validation), for tests.</summary>
    internal long MetricReadBacks => _context.TrainSums.ReadCount + _context.ValidationReads;

    /// <summary>
    /// Trains from <see cref="Position"/> (epoch 0 for a new trainer, the checkpoint's position after <see cref="Resume"/>)
    /// to <see cref="TrainerOptions.Epochs"/>, validating on <paramref name="validation"/> at every epoch end.
    /// </summary>
    /// <returns>The outcome when all epochs ran or a hook stopped training.</returns>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: the trainer stops before the next batch, hooks see
    /// <see cref="TrainingHook.OnException"/> (a <c>CheckpointHook</c> saves <c>last.ckpt</c> there), and it propagates.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The training source has no batches, a monitored metric needs a validation source, the epoch would end in a
    /// batch of one image for a model with BatchNorm1d, a mid-epoch resume has another batch size, or a batch holds a
    /// label outside the model's classes.
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// A step produced a NaN or infinite input, loss or gradient (found at the next log interval or epoch end), or the
    /// validation loss is not finite, and no <c>NanGuardHook</c> sets another policy.
    /// </exception>
    /// <exception cref="InvalidOperationException">A source yielded no batch in an epoch, or fewer than it announces.</exception>
    /// <exception cref="CheckpointException">A state of the checkpoint resumed from cannot be applied (schedule, metric sums, hook states).</exception>
    /// <exception cref="System.IO.IOException">A <c>CheckpointHook</c> could not write a checkpoint (a full disk, a folder that is a file).</exception>
    /// <remarks>
    /// One fit runs at a time in the process (a fit on another thread waits): dropout and weight initialisation draw
    /// from torch's global generator, so concurrent fits would not reproduce. Train in parallel in separate processes.
    /// </remarks>
    public TrainingResult Fit(IBatchSource train, IBatchSource? validation = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _fit.Run(train, validation, cancellationToken);
    }

    /// <summary>
    /// Evaluates the model on every batch of <paramref name="data"/> (its epoch 0) in evaluation mode: loss, top-1,
    /// top-5, per-class accuracy and the confusion matrix. With <paramref name="augmentation"/> (for example the
    /// paper's ten-crop), each image's prediction is the average of the softmax over its views.
    /// </summary>
    /// <remarks>The loss is the training loss (label smoothing included), with test-time augmentation on the log of the
    /// averaged probabilities. The model's training/evaluation mode is restored afterwards.</remarks>
    public EvaluationResult Evaluate(IBatchSource data, ITestTimeAugmentation? augmentation = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(data);
        return _evaluation.Run(data, augmentation, cancellationToken, notifyHooks: false);
    }

    /// <summary>
    /// Class probabilities for <paramref name="images"/> (N x C x H x W, any device; uint8 scaled to [0, 1]): N x K float
    /// on the CPU, owned by the caller. With <paramref name="augmentation"/>, the softmax averaged over the views.
    /// </summary>
    public Tensor Predict(Tensor images, ITestTimeAugmentation? augmentation = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(images);
        return images.dim() == 4
            ? _evaluation.Predict(images, augmentation)
            : throw new ArgumentException($"Predict takes images N x C x H x W; got shape [{string.Join(", ", images.shape)}].", nameof(images));
    }

    /// <summary>
    /// Writes everything needed to resume exactly to <paramref name="path"/>, atomically: model weights and buffers,
    /// optimizer, schedule and loss-scaler state, position (epoch, batch), global step, the CPU random generator's
    /// state, the running metric sums of the current epoch, the metrics history, every hook's state, and the options.
    /// Only the global-zero process writes (<see cref="TrainingState.IsGlobalZero"/>); the others return.
    /// </summary>
    /// <remarks>
    /// Hooks are asked for their state (<see cref="TrainingHook.OnSaveCheckpoint"/>) during the call. The file is written
    /// next to <paramref name="path"/>, flushed and renamed over it: a kill at any moment leaves the previous file intact.
    /// </remarks>
    public void SaveCheckpoint(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrEmpty(path);
        _checkpoints.Save(path);
    }

    /// <summary>
    /// Loads a checkpoint so that the next <see cref="Fit"/> continues exactly where it was written: "last" or
    /// "best" (in <paramref name="directory"/>, by default the directory of the first <see cref="ICheckpointLocation"/>
    /// hook, such as <c>CheckpointHook</c>, in <see cref="Hooks"/>) or a file path.
    /// </summary>
    /// <remarks>
    /// Weights, optimizer and loss-scaler state are loaded now (after checking the checkpoint against the model); the
    /// generator, schedule, metric sums and hook states when the next fit starts (hooks get theirs in
    /// <see cref="TrainingHook.OnLoadCheckpoint"/>, before <see cref="TrainingHook.OnFitStart"/>). The optimizer's
    /// hyper-parameters come from the checkpoint, as in PyTorch; the schedule then sets the position's learning rate.
    /// </remarks>
    /// <returns>What the checkpoint says about itself.</returns>
    /// <exception cref="CheckpointException">The file is missing, corrupt, foreign, or made for another model or optimizer.</exception>
    /// <exception cref="ArgumentException">"last" or "best" with no directory to look in.</exception>
    public CheckpointInfo Resume(string which, string? directory = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _checkpoints.Resume(which, directory);
    }

    /// <summary>
    /// The learning-rate range test (Smith 2015): trains at rates growing exponentially from
    /// <see cref="LearningRateFinderOptions.StartLearningRate"/> to <see cref="LearningRateFinderOptions.EndLearningRate"/>,
    /// one batch of <paramref name="train"/> per step, with a fresh optimizer of the configured kind, and records the
    /// smoothed loss until it diverges; returns the curve and a suggested rate. Afterwards the model's weights and
    /// buffers, its mode, the CPU generator and the loss scaler are as before, and the trainer's optimizer was not used.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is out of range.</exception>
    /// <exception cref="ArgumentException">The source has no batches, or a label is outside the model's classes.</exception>
    public LearningRateFinderResult FindLearningRate(
        IBatchSource train, LearningRateFinderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new LearningRateFinder(_context).Run(train, options ?? new LearningRateFinderOptions(), cancellationToken);
    }

    /// <summary>
    /// Copies the moving average of the weights (<see cref="TrainerOptions.Ema"/>) into the model until the result is
    /// disposed, which puts the trained weights back: <c>using (trainer.UseEmaWeights()) { trainer.Evaluate(test); }</c>.
    /// <see cref="Evaluate"/>, <see cref="Predict"/> and saving the model inside the block use the averaged weights.
    /// </summary>
    /// <exception cref="InvalidOperationException">The average is off (no <c>Ema.Decay</c>) or no fit has started yet.</exception>
    public IDisposable UseEmaWeights()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _context.Ema.SwapIntoModel();
    }

    /// <summary>Disposes the optimizer (its state tensors), the metric sums and any replicas; the model stays usable.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _context.Dispose();
            _disposed = true;
        }
    }}
