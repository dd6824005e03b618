using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using static System.FormattableString;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// Console progress: at every log step a line with epoch, batch, running loss and accuracy, images per second and
/// the epoch's ETA; at every epoch end a summary with the validation metrics. On a terminal the batch line is
/// redrawn in place (carriage return); when output is redirected (a file, a CI log) every line is a plain line.
/// Only the process that writes files (<see cref="TrainingState.IsGlobalZero"/>) prints; the others stay silent.
/// </summary>
public sealed class ProgressHook : TrainingHook
{
    private readonly TextWriter _writer;
    private bool _silent;
    private readonly bool _inPlace;
    private int _drawnLength;
    private long _epochStart;
    private long _lastDraw;
    private long _samplesSinceDraw;
    private int _batchesThisEpoch;

    /// <summary>Writes to the console, in place unless the output is redirected.</summary>
    public ProgressHook()
        : this(Console.Out, inPlace: !Console.IsOutputRedirected)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>; <paramref name="inPlace"/> redraws the batch line with a carriage return.</summary>
    public ProgressHook(TextWriter writer, bool inPlace = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _inPlace = inPlace;
    }

    /// <summary>True when batch lines are redrawn in place.</summary>
    internal bool InPlace => _inPlace;

    /// <inheritdoc />
    public override void OnFitStart(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _silent = !state.IsGlobalZero;
        string from = state.ResumedFrom is null ? string.Empty : $", resuming at epoch {state.Position.Epoch + 1} batch {state.Position.Batch} from {state.ResumedFrom}";
        EndLine(Invariant($"Training {state.Model.GetType().Name} on {state.Trainer.Device}: {state.Epochs} epoch{(state.Epochs == 1 ? string.Empty : "s")} of {state.BatchesPerEpoch} batch{(state.BatchesPerEpoch == 1 ? string.Empty : "es")}{from}"));
    }

    /// <inheritdoc />
    public override void OnTrainEpochStart(TrainingState state)
    {
        _epochStart = _lastDraw = Stopwatch.GetTimestamp();
        _samplesSinceDraw = 0;
        _batchesThisEpoch = 0;
    }

    /// <inheritdoc />
    public override HookControl OnTrainBatchEnd(TrainingState state, BatchOutput output)
    {
        ArgumentNullException.ThrowIfNull(state);
        _samplesSinceDraw += state.BatchSize;
        _batchesThisEpoch++;
        if (!state.IsLogStep)
        {
            return HookControl.Continue;
        }

        double sinceDraw = Stopwatch.GetElapsedTime(_lastDraw).TotalSeconds;
        double perBatch = Stopwatch.GetElapsedTime(_epochStart).TotalSeconds / _batchesThisEpoch;
        int remaining = state.BatchesPerEpoch - state.BatchIndex - 1;
        var m = state.TrainMetrics;
        double imagesPerSecond = sinceDraw > 0 ? _samplesSinceDraw / sinceDraw : 0;
        string line = Invariant($"epoch {state.Epoch + 1}/{state.Epochs}  batch {state.BatchIndex + 1}/{state.BatchesPerEpoch}  loss {m.Loss:F4}  top-1 {Percent(m.Top1)}  {imagesPerSecond:N0} img/s  ETA {Duration(perBatch * remaining)}");
        Draw(line);
        _lastDraw = Stopwatch.GetTimestamp();
        _samplesSinceDraw = 0;
        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var epoch = state.History.Last!;
        var text = new StringBuilder(Invariant($"epoch {state.Epoch + 1}/{state.Epochs}  train loss {epoch[MetricNames.TrainLoss]:F4} top-1 {Percent(epoch[MetricNames.TrainTop1])} top-5 {Percent(epoch[MetricNames.TrainTop5])}"));
        if (epoch[MetricNames.ValidationLoss] is double validationLoss)
        {
            text.Append(Invariant($"  val loss {validationLoss:F4} top-1 {Percent(epoch[MetricNames.ValidationTop1])} top-5 {Percent(epoch[MetricNames.ValidationTop5])}"));
        }

        text.Append(Invariant($"  lr {epoch[MetricNames.LearningRate]:G4}  {Duration(Stopwatch.GetElapsedTime(_epochStart).TotalSeconds)}"));
        EndLine(text.ToString());
        return HookControl.Continue;
    }

    /// <inheritdoc />
    public override void OnFitEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        EndLine(state.StopReason is null ? "Training complete." : "Training stopped: " + state.StopReason);
    }

    /// <inheritdoc />
    public override void OnException(TrainingState state, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        EndLine(exception is OperationCanceledException ? "Training cancelled." : "Training failed: " + exception.Message);
    }

    private static string Percent(double? fraction) => fraction is double f ? Invariant($"{f * 100:F1}%") : "-";

    private static string Duration(double seconds) =>
        double.IsFinite(seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)).ToString("c", CultureInfo.InvariantCulture) : "-";

    private void Draw(string line)
    {
        if (_silent)
        {
            return;
        }

        if (!_inPlace)
        {
            _writer.WriteLine(line);
            return;
        }

        // Pad to the widest text on this terminal line so far, so no characters of a longer earlier line remain.
        _writer.Write("\r" + line.PadRight(_drawnLength));
        _drawnLength = Math.Max(_drawnLength, line.Length);
        _writer.Flush();
    }

    private void EndLine(string line)
    {
        if (_silent)
        {
            return;
        }

        if (_inPlace && _drawnLength > 0)
        {
            _writer.Write("\r" + line.PadRight(_drawnLength) + _writer.NewLine);
            _drawnLength = 0;
        }
        else
        {
            _writer.WriteLine(line);
        }

        _writer.Flush();
    }
}
