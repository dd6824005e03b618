using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Trains from <see cref="Position"/> (epoch 0 for a new trainer, the checkpoint's position after
    /// <see cref="Resume"/>) to <see cref="TrainerOptions.Epochs"/>, validating on <paramref name="validation"/> at
    /// every epoch end.
    /// </summary>
    /// <returns>The outcome when all epochs ran or a hook stopped training.</returns>
    /// <exception cref="OperationCanceledException">
    /// <paramref name="cancellationToken"/> was cancelled: the trainer stops before the next batch (so within one
    /// batch), hooks see <see cref="TrainingHook.OnException"/> (a <c>CheckpointHook</c> saves <c>last.ckpt</c>
    /// there), and the exception propagates.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// The training source has no batches, a monitored metric needs a validation source, the epoch would end in a
    /// batch of one image for a model with BatchNorm1d, a mid-epoch resume has another batch size, or a batch holds a
    /// label outside the model's classes.
    /// </exception>
    /// <exception cref="TrainingDivergedException">
    /// A step produced a NaN or infinite input, loss or gradient (found at the next log interval or epoch end) and no
    /// <c>NanGuardHook</c> sets another policy.
    /// </exception>
    /// <remarks>
    /// <para>One fit runs at a time in the process: a fit on another thread waits until this one returns. Dropout
    /// draws from torch's global generator (TorchSharp 0.107 gives dropout no generator of its own), so concurrent
    /// fits would interleave their draws and neither would reproduce; weight initialisation draws from it too, so
    /// create models on one thread, after <c>torch.manual_seed</c>. Train in parallel in separate processes.</para>
    /// </remarks>
    public TrainingResult Fit(IBatchSource train, IBatchSource? validation = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(train);
        if (train.BatchesPerEpoch < 1)
        {
            throw new ArgumentException($"The training source yields {train.BatchesPerEpoch} batches per epoch; at least one is needed.", nameof(train));
        }

        var schedule = Options.Schedule;
        if (schedule.Kind == ScheduleKind.ReduceOnPlateau && validation is null && MetricNames.IsValidation(schedule.ReduceOnPlateau.Monitor))
        {
            throw new ArgumentException($"TrainerOptions.Schedule.ReduceOnPlateau.Monitor is \"{schedule.ReduceOnPlateau.Monitor}\", a validation metric, but Fit was called without a validation source.", nameof(validation));
        }

        if (State.Position.Batch > train.BatchesPerEpoch)
        {
            throw new ArgumentException($"The run resumes at batch {State.Position.Batch} of epoch {State.Position.Epoch}, but the training source has only {train.BatchesPerEpoch} batches per epoch.", nameof(train));
        }

        using var oneFitAtATime = GlobalGeneratorGate.Enter();
        var clock = Stopwatch.StartNew();
        var state = State;
        state.CancellationToken = cancellationToken;
        state.HasValidation = validation is not null;
        state.BatchesPerEpoch = train.BatchesPerEpoch;
        state.SamplesPerEpoch = train.SamplesPerEpoch;
        state.StopReason = null;
        state.Exception = null;
        _schedule = LearningRateScheduleFactory.Create(Options.Schedule, Options.Optimizer.LearningRate, Options.Epochs, train.BatchesPerEpoch);
        _divergence.Configure(_hooks);
        FitChecks.ThrowIfUnfit(Model, train, _pendingResume?.Metadata, State.Position);
        try
        {
            StartRun();
            ForEachHook(h => h.OnFitStart(state));
            string? stop = null;
            while (stop is null && state.Position.Epoch < Options.Epochs)
            {
                stop = RunEpoch(train, validation, cancellationToken);
            }

            state.Phase = TrainingPhase.Idle;
            state.StopReason = stop;
            ForEachHook(h => h.OnFitEnd(state));
            return new TrainingResult(stop is null, stop, state.Position, state.GlobalStep, state.History, clock.Elapsed);
        }
        catch (Exception exception)
        {
            state.Exception = exception;
            NotifyException(exception);
            throw;
        }
        finally
        {
            state.Phase = TrainingPhase.Idle;
            _fitCount++;
        }
    }

    private void StartRun()
    {
        if (_pendingResume is { } resume)
        {
            _pendingResume = null;
            using (resume)
            {
                if (resume.CpuRngState is not null)
                {
                    Reproducibility.RestoreCpuState(resume.CpuRngState);
                }

                if (resume.Metadata.Schedule is { } scheduleState)
                {
                    _schedule!.LoadState(scheduleState);
                }

                if (State.Position.Batch > 0)
                {
                    State.MarkTrainMetricsStale();
                    _trainSums.LoadState(resume.AccumulatorState);
                }

                foreach (var (hook, key) in HooksWithKeys())
                {
                    if (resume.Metadata.Hooks.TryGetValue(key, out var hookState))
                    {
                        hook.OnLoadCheckpoint(State, hookState);
                    }
                }
            }
        }
        else if (_fitCount == 0 && State.GlobalStep == 0)
        {
            Reproducibility.SeedAll(Options.Seed, Device.type == DeviceType.CUDA);
        }
    }

    private string? RunEpoch(IBatchSource train, IBatchSource? validation, CancellationToken cancellationToken)
    {
        var state = State;
        int epoch = state.Position.Epoch;
        state.Epoch = epoch;
        state.BatchIndex = state.Position.Batch;
        state.Phase = TrainingPhase.Train;
        if (state.Position.Batch == 0)
        {
            state.MarkTrainMetricsStale();
            _trainSums.Reset();
            state.TrainMetrics = ClassificationMetrics.Empty;
        }

        if (_schedule!.AtEpochStart(epoch) is double epochRate)
        {
            bool decayed = epoch > 0 && state.Position.Batch == 0 && _schedule.AtEpochStart(epoch - 1) is double previous && epochRate < previous;
            if (decayed && Options.Schedule.ResetsOptimizerOnDecay)
            {
                RestartOptimizer(epochRate);
            }
            else
            {
                SetLearningRate(epochRate, null);
            }
        }

        Model.train();
        ForEachHook(h => h.OnTrainEpochStart(state));
        int index = state.Position.Batch;
        foreach (var batch in train.GetBatches(epoch, index))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var control = TrainBatch(batch, index);
                index++;
                if (control.ShouldStop)
                {
                    return control.Reason;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var validationControl = HookControl.Continue;
        if (validation is not null)
        {
            validationControl = Validate(validation, cancellationToken);
        }

        var trainMetrics = state.CurrentTrainMetrics();
        var values = EpochValues(trainMetrics, validation is null ? null : state.Validation);
        state.History.Add(new EpochMetrics(epoch, state.GlobalStep, values));
        state.Position = new TrainingPosition(epoch + 1, 0);
        if (_schedule.AtEpochEnd(epoch, values, state.LearningRate) is double reducedRate)
        {
            SetLearningRate(reducedRate, null);
        }

        var epochControl = ForEachHook(h => h.OnTrainEpochEnd(state));
        return validationControl.ShouldStop ? validationControl.Reason : epochControl.Reason;
    }

    private HookControl TrainBatch(Batch batch, int index)
    {
        var state = State;
        state.BatchIndex = index;
        state.BatchSize = batch.Count;
        using var scope = NewDisposeScope();
        if (_reseedCudaPerStep)
        {
            torch.cuda.manual_seed_all(Reproducibility.StepSeed(Options.Seed, state.GlobalStep));
        }

        ForEachHook(h => h.OnTrainBatchStart(state, batch));
        if (_schedule!.AtStep(state.GlobalStep) is { } stepSetting)
        {
            SetLearningRate(stepSetting.LearningRate, stepSetting.Momentum);
        }

        var images = ToModelInput(batch.Images);
        var labels = ToDevice(batch.Labels);
        _optimizer.zero_grad();
        var outputs = TrainForward(images);
        LabelRange.ThrowIfOutOfRange(batch.Labels, outputs.shape[^1], index, state.Epoch);
        var loss = _loss.Compute(outputs, labels);
        ForEachHook(h => h.OnBeforeBackward(state, loss));
        Backward(loss);
        ForEachHook(h => h.OnAfterBackward(state));
        ClipGradients();
        _divergence.Observe(images, loss, _parameters, state.GlobalStep + 1);
        ForEachHook(h => h.OnBeforeOptimizerStep(state, _optimizer));
        StepOptimizer();

        state.GlobalStep++;
        state.Position = new TrainingPosition(state.Epoch, index + 1);
        var detachedOutputs = outputs.detach();
        var detachedLoss = loss.detach();
        state.MarkTrainMetricsStale();
        _trainSums.Update(detachedOutputs, labels, detachedLoss, state.GlobalStep);
        state.IsLogStep = state.GlobalStep % Options.LogInterval == 0 || index == state.BatchesPerEpoch - 1;
        if (state.IsLogStep)
        {
            state.RefreshTrainMetrics();
            state.Divergence = _divergence.ReadAndReset(state.Epoch);
        }

        var output = new BatchOutput(batch, detachedOutputs, detachedLoss);
        var control = ForEachHook(h => h.OnTrainBatchEnd(state, output));
        state.IsLogStep = false;
        state.Divergence = null;
        return control;
    }

    private HookControl Validate(IBatchSource validation, CancellationToken cancellationToken)
    {
        var state = State;
        state.Phase = TrainingPhase.Validation;
        ForEachHook(h => h.OnValidationStart(state));
        state.Validation = RunEvaluation(validation, null, cancellationToken, notifyHooks: true);
        var control = ForEachHook(h => h.OnValidationEnd(state));
        state.Phase = TrainingPhase.Train;
        return control;
    }

    private void ClipGradients()
    {
        var clipping = Options.GradientClipping;
        if (clipping.MaxValue > 0)
        {
            GradientClipper.ClipValue(_parameters, clipping.MaxValue);
        }

        if (clipping.MaxNorm > 0)
        {
            GradientClipper.ClipNorm(_parameters, clipping.MaxNorm, clipping.NormType);
        }
    }

    private Dictionary<string, double> EpochValues(ClassificationMetrics train, EvaluationResult? validation)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.TrainLoss] = train.Loss,
            [MetricNames.TrainTop1] = train.Top1,
            [MetricNames.TrainTop5] = train.Top5,
            [MetricNames.LearningRate] = State.LearningRate,
        };
        if (validation is not null)
        {
            values[MetricNames.ValidationLoss] = validation.Loss;
            values[MetricNames.ValidationTop1] = validation.Top1;
            values[MetricNames.ValidationTop5] = validation.Top5;
            values[MetricNames.ValidationError] = validation.Metrics.Top1Error;
        }

        return values;
    }

    private void NotifyException(Exception exception)
    {
        List<Exception>? hookFailures = null;
        foreach (var hook in _hooks)
        {
            try
            {
                hook.OnException(State, exception);
            }
#pragma warning disable CA1031 // One failing hook must not keep the others from saving their work.
            catch (Exception hookFailure)
#pragma warning restore CA1031
            {
                (hookFailures ??= new List<Exception>()).Add(hookFailure);
            }
        }

        if (hookFailures is not null)
        {
            hookFailures.Insert(0, exception);
            throw new AggregateException("Training failed, and hooks failed while handling it (the training failure is the first inner exception).", hookFailures);
        }
    }

    private Tensor ToDevice(Tensor tensor) =>
        Device.type == DeviceType.CUDA ? tensor.to(Device, non_blocking: true) : tensor.to(Device);

    /// <summary>Moves images to the device in the model's dtype; integer images (uint8) are scaled to [0, 1].</summary>
    private Tensor ToModelInput(Tensor images)
    {
        var onDevice = ToDevice(images);
        if (!onDevice.is_floating_point())
        {
            return onDevice.to(_inputType).div_(255);
        }

        return onDevice.dtype == _inputType ? onDevice : onDevice.to(_inputType);
    }
}
