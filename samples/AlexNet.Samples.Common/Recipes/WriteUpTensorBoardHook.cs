using AlexNet.Core.Metrics;
using AlexNet.Core.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// Writes a write-up's own TensorBoard tags at every epoch end, with the epoch number (1, 2, ...) as the step, as
/// write-up 000's <c>writer.add_scalar("Test Loss", test_loss, epoch)</c> does: "Test Loss" is the mean test loss and
/// "Test Accuracy" the test top-1 fraction (000's own "Test Loss" is a sum of batch means divided by the test set
/// size, so its values are about 1/128 of ours).
/// </summary>
public sealed class WriteUpTensorBoardHook : TrainingHook
{
    /// <summary>The tags this hook knows and the metric each one shows.</summary>
    public static IReadOnlyDictionary<string, string> Metrics { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Test Loss"] = MetricNames.ValidationLoss,
        ["Test Accuracy"] = MetricNames.ValidationTop1,
    };

    private readonly IReadOnlyList<string> _tags;
    private SummaryWriter? _writer;

    /// <summary>Writes <paramref name="tags"/> into <paramref name="logDirectory"/>.</summary>
    /// <exception cref="ArgumentException">A tag this hook does not know.</exception>
    public WriteUpTensorBoardHook(string logDirectory, IReadOnlyList<string> tags)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDirectory);
        ArgumentNullException.ThrowIfNull(tags);
        string? unknown = tags.FirstOrDefault(t => !Metrics.ContainsKey(t));
        if (unknown is not null)
        {
            throw new ArgumentException($"Unknown write-up TensorBoard tag '{unknown}'; known: {string.Join(", ", Metrics.Keys)}.", nameof(tags));
        }

        LogDirectory = Path.GetFullPath(logDirectory);
        _tags = tags;
    }

    /// <summary>The event file directory.</summary>
    public string LogDirectory { get; }

    /// <inheritdoc />
    public override void OnFitStart(TrainingState state) => _writer ??= torch.utils.tensorboard.SummaryWriter(LogDirectory);

    /// <inheritdoc />
    public override HookControl OnTrainEpochEnd(TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_writer is not null && state.History.Last is { } epoch)
        {
            foreach (string tag in _tags)
            {
                if (epoch[Metrics[tag]] is double value)
                {
                    _writer.add_scalar(tag, (float)value, epoch.Epoch + 1);
                }
            }
        }

        return HookControl.Continue;
    }
}
