using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Core.Validation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Trains a classification model: <c>new Trainer(model, options)</c>, add hooks, call <see cref="Fit"/>. Also
/// evaluates (<see cref="Evaluate"/>), predicts (<see cref="Predict"/>), writes checkpoints
/// (<see cref="SaveCheckpoint"/>) and resumes from them (<see cref="Resume"/>). See docs/trainer.md.
/// </summary>
/// <remarks>
/// <para>The trainer moves the model to the configured device and creates the optimizer over the model's trainable
/// parameters. It does not own the model: disposing the trainer disposes the optimizer and the metric sums only.</para>
/// <para>Every training and evaluation step runs in its own dispose scope, and metrics stay on the device until a
/// log interval or an epoch end, so native memory stays flat and the host never waits on the device per step.</para>
/// <para>Create and use a trainer outside any dispose scope of your own: it keeps tensors (optimizer state, metric
/// sums) alive across calls.</para>
/// </remarks>
public sealed partial class Trainer : IDisposable
{
    private OptimizerHelper _optimizer;
    private readonly ClassificationLoss _loss;
    private readonly ClassificationAccumulator _trainSums;
    private readonly NonFiniteLossCheck _divergence;
    private readonly Parameter[] _parameters;
    private readonly ScalarType _inputType;
    private readonly bool _reseedCudaPerStep;
    private readonly List<TrainingHook> _hooks = new();
    private LearningRateSchedule? _schedule;
    private LoadedCheckpoint? _pendingResume;
    private int _fitCount;
    private long _validationReads;
    private bool _disposed;

    /// <summary>Creates a trainer for <paramref name="model"/>, validating <paramref name="options"/> and resolving its device.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range (every failure is listed).</exception>
    /// <exception cref="InvalidOperationException">The device asked for is not available (for example "cuda" on a CPU build).</exception>
    /// <exception cref="ArgumentException">The model has no trainable parameters, or the loss does not fit the model's outputs.</exception>
    public Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options)
        : this(model, Validated(options), ResolveFirstDevice)
    {
    }

    /// <summary>Creates a trainer on an explicit device (for tests, such as the meta device).</summary>
    internal Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options, Device device)
        : this(model, Validated(options), _ => device)
    {
    }

    private Trainer(nn.Module<Tensor, Tensor> model, TrainerOptions options, Func<TrainerOptions, Device> device)
    {
        ArgumentNullException.ThrowIfNull(model);
        Options = Clone(options);
        Device = device(Options);
        Model = model;
        Model.to(Device);
        bool onCuda = Device.type == DeviceType.CUDA;
        if (onCuda)
        {
            Reproducibility.ConfigureCuda(Options.Deterministic);
        }

        _reseedCudaPerStep = onCuda && Options.Deterministic;
        _parameters = Model.parameters().Where(p => p.requires_grad).ToArray();
        if (_parameters.Length == 0)
        {
            throw new ArgumentException($"The model {Model.GetType().Name} has no trainable parameters.", nameof(model));
        }

        _inputType = _parameters[0].dtype;
        _loss = ClassificationLoss.For(Model, Options.Loss);
        _optimizer = CreateOptimizer();
        _trainSums = new ClassificationAccumulator(Device);
        _divergence = new NonFiniteLossCheck(Device);
        ConfigurePrecisionAndDevices();
        State = new TrainingState(this, _trainSums.Read) { LearningRate = Options.Optimizer.LearningRate };
    }

    /// <summary>The model being trained (on <see cref="Device"/>).</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>A copy of the options the trainer was created with (changing it has no effect).</summary>
    public TrainerOptions Options { get; }

    /// <summary>The device training runs on.</summary>
    public Device Device { get; }

    /// <summary>TorchSharp's optimizer over the model's trainable parameters.</summary>
    public optim.Optimizer Optimizer => _optimizer;

    /// <summary>The loss in use: <see cref="LossKind.CrossEntropy"/> or <see cref="LossKind.Nll"/> (Auto resolved).</summary>
    public LossKind Loss => _loss.Kind;

    /// <summary>The hooks, called in this order. Add them before <see cref="Fit"/>.</summary>
    public IList<TrainingHook> Hooks => _hooks;

    /// <summary>The state hooks see; also readable between fits (position, step, history).</summary>
    public TrainingState State { get; }

    /// <summary>Where the next fit continues.</summary>
    public TrainingPosition Position => State.Position;

    /// <summary>Optimizer steps taken so far, across resumes.</summary>
    public long GlobalStep => State.GlobalStep;

    /// <summary>The per-epoch metrics so far.</summary>
    public MetricsHistory History => State.History;

    /// <summary>How many times metric sums were read back to the host (training and validation), for tests.</summary>
    internal long MetricReadBacks => _trainSums.ReadCount + _validationReads;

    /// <summary>Disposes the optimizer (its state tensors) and the metric sums; the model stays usable.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _pendingResume?.Dispose();
        _trainSums.Dispose();
        _divergence.Dispose();
        _optimizer.Dispose();
        _replicas?.Dispose();
    }

    private static TrainerOptions Validated(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OptionsValidation.ThrowIfInvalid(new TrainerOptionsValidator(), options);
    }

    private static TrainerOptions Clone(TrainerOptions options) =>
        JsonSerializer.Deserialize<TrainerOptions>(JsonSerializer.Serialize(options, CheckpointMetadata.JsonOptions), CheckpointMetadata.JsonOptions)!;

    private void SetLearningRate(double learningRate, double? momentum)
    {
        int index = 0;
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate * OptimizerFactory.GroupScale(Options.Optimizer, index++);
            if (momentum is double m && group is optim.IMomentum withMomentum)
            {
                withMomentum.Momentum = m;
            }
            else if (momentum is double b && group is optim.IBetas withBetas)
            {
                withBetas.Betas = (b, withBetas.Betas.Item2);
            }
        }

        State.LearningRate = learningRate;
    }

    /// <summary>Replaces the optimizer by a new one over the same parameters at <paramref name="learningRate"/>: its state starts afresh.</summary>
    private void RestartOptimizer(double learningRate)
    {
        var restarted = CreateOptimizer();
        _optimizer.Dispose();
        _optimizer = restarted;
        SetLearningRate(learningRate, null);
    }

    /// <summary>The optimizer over the trainable parameters, with the features' group when its rate is scaled.</summary>
    private OptimizerHelper CreateOptimizer() =>
        OptimizerFactory.Create(Options.Optimizer, Model.named_parameters().Where(p => p.parameter.requires_grad));

    private double CurrentLearningRate() => _optimizer.ParamGroups.First().LearningRate;

    private HookControl ForEachHook(Func<TrainingHook, HookControl> call)
    {
        var first = HookControl.Continue;
        foreach (var hook in _hooks)
        {
            var control = call(hook);
            if (control.ShouldStop && !first.ShouldStop)
            {
                first = control;
            }
        }

        return first;
    }

    private void ForEachHook(Action<TrainingHook> call)
    {
        foreach (var hook in _hooks)
        {
            call(hook);
        }
    }
}
