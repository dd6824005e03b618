using System;
using System.Threading;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

public sealed partial class Trainer
{
    /// <summary>
    /// Evaluates the model on every batch of <paramref name="data"/> (its epoch 0) in evaluation mode: loss, top-1,
    /// top-5, per-class accuracy and the confusion matrix. With <paramref name="augmentation"/> (for example the
    /// paper's ten-crop), each image's prediction is the average of the softmax over its views.
    /// </summary>
    /// <remarks>
    /// The loss is the training loss (label smoothing included). With test-time augmentation it is computed on the
    /// log of the averaged probabilities. The model's training/evaluation mode is restored afterwards.
    /// </remarks>
    public EvaluationResult Evaluate(IBatchSource data, ITestTimeAugmentation? augmentation = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(data);
        return RunEvaluation(data, augmentation, cancellationToken, notifyHooks: false);
    }

    /// <summary>
    /// Class probabilities for <paramref name="images"/> (N x C x H x W, any device; uint8 images are scaled to
    /// [0, 1]): an N x K float tensor on the CPU, owned by the caller. With <paramref name="augmentation"/>, the
    /// softmax averaged over the views.
    /// </summary>
    public Tensor Predict(Tensor images, ITestTimeAugmentation? augmentation = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Predict takes images N x C x H x W; got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }

        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var probabilities = LogProbabilities(ToModelInput(images), augmentation).exp().cpu();
            return probabilities.MoveToOuterDisposeScope();
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    private EvaluationResult RunEvaluation(IBatchSource source, ITestTimeAugmentation? augmentation, CancellationToken cancellationToken, bool notifyHooks)
    {
        bool wasTraining = Model.training;
        Model.eval();
        using var sums = new ClassificationAccumulator(Device, trackConfusion: true);
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
                    var labels = ToDevice(batch.Labels);
                    var input = ToModelInput(batch.Images);
                    Tensor scores;
                    Tensor loss;
                    if (augmentation is null)
                    {
                        scores = Model.call(input);
                        LabelRange.ThrowIfOutOfRange(batch.Labels, scores.shape[^1], index, null);
                        loss = _loss.Compute(scores, labels);
                    }
                    else
                    {
                        scores = LogProbabilities(input, augmentation);
                        LabelRange.ThrowIfOutOfRange(batch.Labels, scores.shape[^1], index, null);
                        loss = _loss.OnLogProbabilitiesLoss(scores, labels);
                    }

                    sums.Update(scores, labels, loss);
                    if (notifyHooks)
                    {
                        var output = new BatchOutput(batch, scores, loss);
                        ForEachHook(h => h.OnValidationBatchEnd(State, output));
                    }

                    index++;
                }
            }

            return new EvaluationResult(sums.Read(), sums.ReadConfusionMatrix());
        }
        finally
        {
            _validationReads += sums.ReadCount;
            Model.train(wasTraining);
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
            return ToLogProbabilities(Model.call(input));
        }

        long n = input.shape[0];
        int views = augmentation.ViewCount;
        var viewImages = augmentation.CreateViews(input);
        if (viewImages.shape[0] != views * n)
        {
            throw new InvalidOperationException($"{augmentation.GetType().Name} made {viewImages.shape[0]} views of {n} images; ViewCount {views} promises {views * n}.");
        }

        var perView = ToLogProbabilities(Model.call(viewImages)).view(views, n, -1);
        return perView.logsumexp(0).sub(Math.Log(views));
    }

    private Tensor ToLogProbabilities(Tensor outputs) => _loss.OnLogProbabilities ? outputs : outputs.log_softmax(1);
}
