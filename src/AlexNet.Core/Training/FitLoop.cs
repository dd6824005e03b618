using System;
using System.Collections.Generic;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Schedules;
using TorchSharp;

namespace AlexNet.Core.Training;

/// <summary>
/// The epochs of a fit (<see cref="Trainer.Fit"/>): checks the sources, starts or resumes the run, and at each epoch
/// boundary resets the running sums, sets the scheduled learning rate (restarting the optimizer where configured),
/// runs the batches through <see cref="TrainingStep"/>, validates, records the epoch's values and applies
/// end-of-epoch schedules; stops when a hook asks or the epochs are done.
/// </summary>
internal sealed class FitLoop
{
    private readonly TrainerContext _context;
    private readonly TrainingStep _step;
    private readonly EvaluationLoop _evaluation;
    private FitClock? _clock;

    /// <summary>Creates the loop over the trainer's shared parts; validation runs through <paramref name="evaluation"/>.</summary>
    public FitLoop(TrainerContext context, EvaluationLoop evaluation)
    {
        _context = context;
        _step = new TrainingStep(context);
        _evaluation = evaluation;
    }

    /// <summary>Trains from the state's position to the configured epochs (see <see cref="Trainer.Fit"/> for the contract).</summary>
    public TrainingResult Run(IBatchSource train, IBatchSource? validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        var context = _context;
        var state = context.State;
        var options = context.Options;
        ThrowIfUnfit(train, validation);
        using var oneFitAtATime = GlobalGeneratorGate.Enter(cancellationToken);
        var clock = new FitClock(context.Hooks);
        _clock = clock;
        state.CancellationToken = cancellationToken;
        state.HasValidation = validation is not null;
        state.BatchesPerEpoch = train.BatchesPerEpoch;
        state.SamplesPerEpoch = train.SamplesPerEpoch;
        state.StopReason = null;
        state.Exception = null;
        int stepsPerEpoch = context.Accumulation.StepsPerEpoch(train.BatchesPerEpoch);
        context.Schedule = LearningRateScheduleFactory.Create(options.Schedule, options.Optimizer.LearningRate, options.Epochs, stepsPerEpoch);
        context.Divergence.Configure(context.Hooks.Hooks);
        FitChecks.ThrowIfUnfit(context.Model, train, context.PendingResume?.Metadata, state.Position);
        context.Strategy.ThrowIfRanksDiffer(() => RankAgreement.Items(context, train, validation));
        try
        {
            StartRun();
            context.Hooks.ForEachHook(h => h.OnFitStart(state));
            string? stop = null;
            while (stop is null && state.Position.Epoch < options.Epochs)
            {
                stop = RunEpoch(train, validation, cancellationToken);
            }

            state.Phase = TrainingPhase.Idle;
            state.StopReason = stop;
            context.Hooks.ForEachHook(h => h.OnFitEnd(state));
            return new TrainingResult(stop is null, stop, state.Position, state.GlobalStep, state.History, clock.Read());
        }
        catch (Exception exception)
        {
            state.Exception = exception;

            // Distributed: ends every process here, before the hooks (a save on exception needs collectives the other ranks never join).
            context.Strategy.Fail(exception);
            context.Hooks.NotifyException(state, exception);
            throw;
        }
        finally
        {
            state.Phase = TrainingPhase.Idle;
            context.FitCount++;
        }
    }

    private void ThrowIfUnfit(IBatchSource train, IBatchSource? validation)
    {
        var position = _context.State.Position;
        if (train.BatchesPerEpoch < 1)
        {
            throw new ArgumentException($"The training source yields {train.BatchesPerEpoch} batches per epoch; at least one is needed.", nameof(train));
        }

        var schedule = _context.Options.Schedule;
        if (schedule.Kind == ScheduleKind.ReduceOnPlateau && validation is null && MetricNames.IsValidation(schedule.ReduceOnPlateau.Monitor))
        {
            throw new ArgumentException(
                $"TrainerOptions.Schedule.ReduceOnPlateau.Monitor is \"{schedule.ReduceOnPlateau.Monitor}\", a validation metric, "
                + "but Fit was called without a validation source.",
                nameof(validation));
        }

        if (position.Batch > train.BatchesPerEpoch)
        {
            throw new ArgumentException(
                $"The run resumes at batch {position.Batch} of epoch {position.Epoch}, " +
                $"but the training source has only {train.BatchesPerEpoch} batches per epoch.",
                nameof(train));
        }
    }

    /// <summary>Applies a pending resume (generator, schedule, sums, hook states), or seeds a fresh run; then the strategy's broadcast.</summary>
    private void StartRun()
    {
        var context = _context;
        var state = context.State;
        if (context.PendingResume is { } resume)
        {
            context.PendingResume = null;
            using (resume)
            {
                ResumeApplication.Apply(context, resume);
            }
        }
        else if (context.FitCount == 0 && state.GlobalStep == 0)
        {
            Reproducibility.SeedAll(context.Options.Seed, context.Strategy.RootDevice.type == DeviceType.CUDA);
        }

        context.Strategy.BroadcastInitialWeights();
        context.Ema.StartIfNeeded();
    }

    private string? RunEpoch(IBatchSource train, IBatchSource? validation, CancellationToken cancellationToken)
    {
        var context = _context;
        var state = context.State;
        int epoch = state.Position.Epoch;
        state.Epoch = epoch;
        state.BatchIndex = state.Position.Batch;
        state.Phase = TrainingPhase.Train;
        if (state.Position.Batch == 0)
        {
            state.MarkTrainMetricsStale();
            context.TrainSums.Reset();
            state.TrainMetrics = ClassificationMetrics.Empty;
        }

        ApplyEpochLearningRate(epoch);
        context.Model.train();
        context.Hooks.ForEachHook(h => h.OnTrainEpochStart(state));
        int start = state.Position.Batch;
        int index = start;
        var clock = _clock!;
        foreach (var batch in clock.Timed(train.GetBatches(epoch, index)))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int batchIndex = index;
                var control = clock.Step(() => _step.Run(batch, batchIndex));
                index++;
                if (control.ShouldStop)
                {
                    return control.Reason;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (start < train.BatchesPerEpoch)
        {
            BatchCountCheck.ThrowIfShort(train, "training", epoch, start, index - start);
        }

        var validationControl = validation is null ? HookControl.Continue : Validate(validation, cancellationToken);
        if (validation is not null)
        {
            context.Divergence.ThrowIfValidationLossNotFinite(state.Validation!.Loss, epoch, state.GlobalStep);
        }

        var values = EpochValues(state.CurrentTrainMetrics(), validation is null ? null : state.Validation);
        state.History.Add(new EpochMetrics(epoch, state.GlobalStep, values));
        state.Position = new TrainingPosition(epoch + 1, 0);
        if (context.Schedule!.AtEpochEnd(epoch, values, state.LearningRate) is double reducedRate)
        {
            context.Optimizer.SetLearningRate(reducedRate, null);
        }

        var epochControl = context.Hooks.ForEachHook(h => h.OnTrainEpochEnd(state));
        return validationControl.ShouldStop ? validationControl.Reason : epochControl.Reason;
    }

    /// <summary>The schedule's rate for the epoch; a decay at an epoch start restarts the optimizer when configured.</summary>
    private void ApplyEpochLearningRate(int epoch)
    {
        var context = _context;
        var schedule = context.Schedule!;
        if (schedule.AtEpochStart(epoch) is not double epochRate)
        {
            return;
        }

        bool decayed = epoch > 0 && context.State.Position.Batch == 0 && schedule.AtEpochStart(epoch - 1) is double previous && epochRate < previous;
        if (decayed && context.Options.Schedule.ResetsOptimizerOnDecay)
        {
            context.Optimizer.Restart(epochRate);
        }
        else
        {
            context.Optimizer.SetLearningRate(epochRate, null);
        }
    }

    private HookControl Validate(IBatchSource validation, CancellationToken cancellationToken)
    {
        var state = _context.State;
        state.Phase = TrainingPhase.Validation;
        _context.Hooks.ForEachHook(h => h.OnValidationStart(state));
        using (_context.Options.Ema.Validate && _context.Ema.Started ? _context.Ema.SwapIntoModel() : null)
        {
            state.Validation = _clock!.Validation(() => _evaluation.Run(validation, null, cancellationToken, notifyHooks: true));
        }

        var control = _context.Hooks.ForEachHook(h => h.OnValidationEnd(state));
        state.Phase = TrainingPhase.Train;
        return control;
    }

    private Dictionary<string, double> EpochValues(ClassificationMetrics train, EvaluationResult? validation)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.TrainLoss] = train.Loss,
            [MetricNames.TrainTop1] = train.Top1,
            [MetricNames.TrainTop5] = train.Top5,
            [MetricNames.LearningRate] = _context.State.LearningRate,
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
}
