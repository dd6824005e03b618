using AlexNet.Core.Abstractions;
using AlexNet.Core.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// One optimisation step on one batch: zero the gradients, forward (strategy and precision plugin), loss, backward,
/// gradient reduction and unscaling, clipping, the divergence check, the optimizer step, and the running metrics
/// (read back at log intervals only), with the hooks called at each stage. With gradient accumulation
/// (<see cref="GradientAccumulation"/>) the gradients are zeroed at a window's first batch only, and unscaling,
/// clipping, the divergence check and the optimizer step happen at its last batch.
/// </summary>
internal sealed class TrainingStep
{
    private readonly TrainerContext _context;

    /// <summary>Creates the step over the trainer's shared parts.</summary>
    public TrainingStep(TrainerContext context)
    {
        _context = context;
    }

    /// <summary>Runs the step on <paramref name="batch"/>, batch <paramref name="index"/> of the current epoch, in its own dispose scope.</summary>
    /// <returns>Whether a hook asked to stop at the batch end.</returns>
    /// <exception cref="System.ArgumentException">A label is outside the model's classes.</exception>
    public HookControl Run(Batch batch, int index)
    {
        var context = _context;
        var state = context.State;
        var hooks = context.Hooks;
        var optimizer = context.Optimizer;
        state.BatchIndex = index;
        state.BatchSize = batch.Count;
        using var scope = NewDisposeScope();
        var accumulation = context.Accumulation;
        bool stepsOptimizer = accumulation.EndsWindow(index, state.BatchesPerEpoch);
        if (context.ReseedCudaPerStep)
        {
            long microStep = (state.GlobalStep * accumulation.Batches) + accumulation.MicroStep(index);
            torch.cuda.manual_seed_all(Reproducibility.StepSeed(context.Options.Seed, microStep));
        }

        hooks.ForEachHook(h => h.OnTrainBatchStart(state, batch));
        if (context.Schedule!.AtStep(state.GlobalStep) is { } stepSetting)
        {
            optimizer.SetLearningRate(stepSetting.LearningRate, stepSetting.Momentum);
        }

        var images = context.ToModelInput(batch.Images);
        var mixer = context.Mixing?.Draw(images, state.Epoch, index);
        images = mixer?.MixImages(images) ?? images;
        if (accumulation.StartsWindow(index))
        {
            ClearGradients(optimizer.Optimizer);
        }

        var outputs = context.Strategy.Forward(images, context.Precision.Forward);
        var labels = context.Labels(batch, outputs, index, state.Epoch);
        var targets = mixer is null ? null : context.Mixing!.SoftTargets(mixer, labels, outputs.shape[^1]);
        var loss = targets is null ? context.Loss.Compute(outputs, labels) : BatchMixer.SoftTargetLoss(outputs, targets, context.Loss.OnLogProbabilities);
        hooks.ForEachHook(h => h.OnBeforeBackward(state, loss));
        context.Precision.Backward(accumulation.ScaleForBackward(loss));
        context.Strategy.ReduceGradients();
        if (stepsOptimizer)
        {
            context.Precision.UnscaleGradients(context.Parameters);
        }

        hooks.ForEachHook(h => h.OnAfterBackward(state));
        if (stepsOptimizer)
        {
            ClipGradients();
            context.Divergence.Observe(images, loss, context.Parameters, state.GlobalStep + 1);
            hooks.ForEachHook(h => h.OnBeforeOptimizerStep(state, optimizer.Optimizer));
            context.Precision.OptimizerStep(optimizer.Optimizer);
            context.Ema.Update();
            state.GlobalStep++;
        }

        state.Position = new TrainingPosition(state.Epoch, index + 1);
        var detachedOutputs = outputs.detach();
        var detachedLoss = loss.detach();
        state.MarkTrainMetricsStale();
        context.TrainSums.Update(detachedOutputs, targets?.argmax(1) ?? labels, detachedLoss, state.GlobalStep);
        state.IsLogStep = (stepsOptimizer && state.GlobalStep % context.Options.LogInterval == 0) || index == state.BatchesPerEpoch - 1;
        if (state.IsLogStep)
        {
            state.RefreshTrainMetrics();
            state.Divergence = context.Divergence.ReadAndReset(state.Epoch);
        }

        var output = new BatchOutput(batch, detachedOutputs, detachedLoss);
        var control = hooks.ForEachHook(h => h.OnTrainBatchEnd(state, output));
        state.IsLogStep = false;
        state.Divergence = null;
        return control;
    }

    /// <summary>
    /// Drops the gradients of <paramref name="optimizer"/>'s parameters (PyTorch's <c>zero_grad(set_to_none=True)</c>):
    /// the next backward then stores fresh gradients instead of adding them to zero-filled ones, which saves a
    /// write and a read of every gradient per step. An optimizer skips a parameter whose gradient stays unset, as
    /// PyTorch's do.
    /// </summary>
    private static void ClearGradients(torch.optim.Optimizer optimizer)
    {
        foreach (var parameter in optimizer.parameters())
        {
            parameter.grad = null;
        }
    }

    private void ClipGradients()
    {
        var clipping = _context.Options.GradientClipping;
        if (clipping.MaxValue > 0)
        {
            GradientClipper.ClipValue(_context.Parameters, clipping.MaxValue);
        }

        if (clipping.MaxNorm > 0)
        {
            GradientClipper.ClipNorm(_context.Parameters, clipping.MaxNorm, clipping.NormType);
        }
    }
}
