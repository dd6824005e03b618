using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Optimization;
using AlexNet.Core.Validation;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The learning-rate range test (<see cref="Trainer.FindLearningRate"/>): trains a fresh optimizer of the configured
/// kind at exponentially growing rates, one batch per step, and records the loss; the model's state dict, its
/// training mode, the CPU generator and the loss scaler are restored afterwards, and the trainer's optimizer is never
/// touched. The loss is read back at every step (to stop on divergence): this is a diagnostic, not a training loop.
/// </summary>
internal sealed class LearningRateFinder
{
    private readonly TrainerContext _context;

    /// <summary>Creates the test over the trainer's shared parts.</summary>
    public LearningRateFinder(TrainerContext context)
    {
        _context = context;
    }

    /// <summary>Runs the sweep over <paramref name="train"/> (see <see cref="Trainer.FindLearningRate"/>).</summary>
    public LearningRateFinderResult Run(IBatchSource train, LearningRateFinderOptions options, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        ArgumentNullException.ThrowIfNull(train);
        if (train.BatchesPerEpoch < 1)
        {
            throw new ArgumentException($"The training source yields {train.BatchesPerEpoch} batches per epoch; at least one is needed.", nameof(train));
        }

        var context = _context;
        var model = context.Model;
        using var oneAtATime = GlobalGeneratorGate.Enter(cancellationToken);
        bool wasTraining = model.training;
        var saved = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
        using var rng = Reproducibility.CaptureCpuState();
        var scalerState = context.Precision.LossScaler?.SaveState();
        using var optimizer = OptimizerFactory.Create(context.Options.Optimizer, model.named_parameters().Where(p => p.parameter.requires_grad));
        var rates = new List<double>();
        var losses = new List<double>();
        var smoothed = new List<double>();
        bool diverged = false;
        try
        {
            model.train();
            double average = 0;
            double best = double.PositiveInfinity;
            foreach (var batch in Batches(train, options.Steps))
            {
                using (batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int step = rates.Count;
                    double rate = options.StartLearningRate * Math.Pow(options.EndLearningRate / options.StartLearningRate, step / (double)(options.Steps - 1));
                    double loss = Step(optimizer, batch, step, rate);
                    average = (options.Smoothing * average) + ((1 - options.Smoothing) * loss);
                    double corrected = average / (1 - Math.Pow(options.Smoothing, step + 1));
                    rates.Add(rate);
                    losses.Add(loss);
                    smoothed.Add(corrected);
                    best = Math.Min(best, corrected);
                    if (!double.IsFinite(loss) || corrected > options.DivergenceFactor * best)
                    {
                        diverged = true;
                        break;
                    }
                }
            }
        }
        finally
        {
            Restore(saved, wasTraining, rng, scalerState);
        }

        return new LearningRateFinderResult(rates, losses, smoothed, diverged);
    }

    private static IEnumerable<Batch> Batches(IBatchSource train, int steps)
    {
        int yielded = 0;
        for (int epoch = 0; yielded < steps; epoch++)
        {
            foreach (var batch in train.GetBatches(epoch))
            {
                if (yielded++ == steps)
                {
                    batch.Dispose();
                    yield break;
                }

                yield return batch;
            }
        }
    }

    private double Step(TorchSharp.Modules.OptimizerHelper optimizer, Batch batch, int index, double rate)
    {
        var context = _context;
        using var scope = NewDisposeScope();
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }

        optimizer.zero_grad();
        var images = context.ToModelInput(batch.Images);
        var outputs = context.Strategy.Forward(images, context.Precision.Forward);
        var loss = context.Loss.Compute(outputs, context.Labels(batch, outputs, index, null));
        context.Precision.Backward(loss);
        context.Strategy.ReduceGradients();
        context.Precision.UnscaleGradients(context.Parameters);
        context.Precision.OptimizerStep(optimizer);
        return loss.detach().to(ScalarType.Float64).item<double>();
    }

    private void Restore(Dictionary<string, Tensor> saved, bool wasTraining, Tensor rng, System.Text.Json.Nodes.JsonObject? scalerState)
    {
        var context = _context;
        using (no_grad())
        {
            foreach (var (key, value) in context.Model.state_dict())
            {
                value.copy_(saved[key]);
                saved[key].Dispose();
            }
        }

        foreach (var parameter in context.Parameters)
        {
            parameter.grad = null;
        }

        context.Model.train(wasTraining);
        Reproducibility.RestoreCpuState(rng);
        if (scalerState is not null)
        {
            context.Precision.LossScaler!.LoadState(scalerState);
        }
    }

    private static void ThrowIfInvalid(LearningRateFinderOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var check = new OptionChecks(nameof(LearningRateFinderOptions));
        check.InRange(o.StartLearningRate, 0, double.PositiveInfinity, nameof(o.StartLearningRate), lowExclusive: true);
        check.InRange(o.EndLearningRate, o.StartLearningRate, double.PositiveInfinity, nameof(o.EndLearningRate), lowExclusive: true);
        check.AtLeast(o.Steps, 2, nameof(o.Steps));
        check.InRange(o.Smoothing, 0, 1, nameof(o.Smoothing), highExclusive: true);
        check.InRange(o.DivergenceFactor, 1, double.PositiveInfinity, nameof(o.DivergenceFactor), lowExclusive: true);
        if (check.Failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(LearningRateFinderOptions), typeof(LearningRateFinderOptions), check.Failures);
        }
    }
}
