using System;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The model in evaluation mode over a source (validation inside a fit, and <see cref="Trainer.Evaluate"/>) or over
/// images (<see cref="Trainer.Predict"/>), in the training precision, with optional test-time augmentation.
/// </summary>
internal sealed class EvaluationLoop
{
    private readonly TrainerContext _context;

    /// <summary>Creates the loop over the trainer's shared parts.</summary>
    public EvaluationLoop(TrainerContext context)
    {
        _context = context;
    }

    /// <summary>
    /// Loss, top-1, top-5, per-class accuracy and the confusion matrix over epoch 0 of <paramref name="source"/>;
    /// with <paramref name="notifyHooks"/> (validation in a fit) the hooks see every batch.
    /// </summary>
    public EvaluationResult Run(IBatchSource source, ITestTimeAugmentation? augmentation, CancellationToken cancellationToken, bool notifyHooks)
    {
        var model = _context.Model;
        bool wasTraining = model.training;
        model.eval();
        var strategy = _context.Strategy;
        using var sums = new ClassificationAccumulator(strategy.RootDevice, trackConfusion: true, reduceSums: strategy.WorldSize > 1 ? strategy.ReduceMetricSums : null);
        try
        {
            using var noGrad = no_grad();
            int index = 0;
            foreach (var batch in source.GetBatches(0))
            {
                using (batch)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var input = _context.ToModelInput(batch.Images);
                    var scores = augmentation is null ? _context.Forward(input) : LogProbabilities(input, augmentation);
                    var labels = _context.Labels(batch, scores, index, null);
                    var loss = augmentation is null ? _context.Loss.Compute(scores, labels) : _context.Loss.OnLogProbabilitiesLoss(scores, labels);
                    sums.Update(scores, labels, loss);
                    if (notifyHooks)
                    {
                        var output = new BatchOutput(batch, scores, loss);
                        _context.Hooks.ForEachHook(h => h.OnValidationBatchEnd(_context.State, output));
                    }

                    index++;
                }
            }

            BatchCountCheck.ThrowIfShort(source, notifyHooks ? "validation" : "evaluated", 0, 0, index);
            return new EvaluationResult(sums.Read(), sums.ReadConfusionMatrix());
        }
        finally
        {
            _context.ValidationReads += sums.ReadCount;
            model.train(wasTraining);
        }
    }

    /// <summary>Class probabilities N x K on the CPU, owned by the caller (see <see cref="Trainer.Predict"/>).</summary>
    public Tensor Predict(Tensor images, ITestTimeAugmentation? augmentation)
    {
        var model = _context.Model;
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var probabilities = LogProbabilities(_context.ToModelInput(images), augmentation).exp().cpu();
            return probabilities.MoveToOuterDisposeScope();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Log-probabilities N x K of prepared input; with augmentation, log of the mean probability over the views,
    /// computed stably as logsumexp over views minus log(views).
    /// </summary>
    private Tensor LogProbabilities(Tensor input, ITestTimeAugmentation? augmentation)
    {
        if (augmentation is null)
        {
            return ToLogProbabilities(_context.Forward(input));
        }

        long n = input.shape[0];
        int views = augmentation.ViewCount;
        var viewImages = augmentation.CreateViews(input);
        if (viewImages.shape[0] != views * n)
        {
            throw new InvalidOperationException(
                $"{augmentation.GetType().Name} made {viewImages.shape[0]} views of {n} images; ViewCount {views} promises {views * n}.");
        }

        var perView = ToLogProbabilities(_context.Forward(viewImages)).view(views, n, -1);
        return perView.logsumexp(0).sub(Math.Log(views));
    }

    private Tensor ToLogProbabilities(Tensor outputs) => _context.Loss.OnLogProbabilities ? outputs : outputs.log_softmax(1);
}
