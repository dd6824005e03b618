using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AlexNet.Samples.Common.Cli;

/// <summary>The command-line options of <see cref="TrainingParts"/>; each bad value gives one line naming the option and its range.</summary>
internal sealed class TrainingPartsOptions
{
    private readonly Option<int?> _warmupEpochs = Whole(
        "--warmup-epochs",
        "Linear warmup over this many epochs, then cosine decay per step (replaces the recipe's schedule) [default: the recipe's schedule].",
        0);
    private readonly Option<double?> _labelSmoothing = Number(
        "--label-smoothing", "Label smoothing of the loss, in [0, 1) [default: 0].", 0, 1, highExclusive: true);
    private readonly Option<double?> _clipGradNorm = Number(
        "--clip-grad-norm", "Clip the gradients' total L2 norm to this value, above 0 [default: off].", 0, double.PositiveInfinity, lowExclusive: true);
    private readonly Option<int?> _accumulate = Whole(
        "--accumulate", "Accumulate the gradients of this many batches per optimizer step [default: 1].", 1);
    private readonly Option<double?> _emaDecay = Number(
        "--ema-decay",
        "Keep a moving average of the weights with this decay in (0, 1); validate and report on it [default: off].",
        0,
        1,
        lowExclusive: true,
        highExclusive: true);
    private readonly Option<bool> _lrFind = new("--lr-find")
    {
        Description = "Run the learning-rate range test, write lr-find.png and lr-find.csv, print the suggested rate, and exit.",
    };

    private readonly Option<bool> _syncBatchNorm = new("--sync-batch-norm")
    {
        Description = "Under mpirun: batch norm with the statistics of the whole global batch (synchronised across ranks) [default: each rank's own].",
    };
    private readonly Option<Core.Training.GradientCompression?> _gradientCompression = new("--gradient-compression")
    {
        Description = "Under mpirun: how gradients travel between ranks: none (float32) or bf16 (half the bytes, 8 significant bits) [default: none].",
        HelpName = "none|bf16",
        CustomParser = result =>
        {
            string token = string.Join(" ", result.Tokens.Select(t => t.Value));
            switch (token.ToLowerInvariant())
            {
                case "none":
                    return Core.Training.GradientCompression.None;
                case "bf16":
                    return Core.Training.GradientCompression.BFloat16;
                default:
                    result.AddError($"--gradient-compression must be none or bf16; got '{token}'.");
                    return null;
            }
        },
    };

    /// <summary>The options fixed by a run (none may be given with --resume).</summary>
    public IEnumerable<Option> All => new Option[]
    {
        _warmupEpochs, _labelSmoothing, _clipGradNorm, _accumulate, _emaDecay, _lrFind, _syncBatchNorm, _gradientCompression,
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parts given on the command line.</summary>
    public TrainingParts Resolve(ParseResult parsed) => new()
    {
        WarmupEpochs = parsed.GetValue(_warmupEpochs),
        LabelSmoothing = parsed.GetValue(_labelSmoothing),
        ClipGradNorm = parsed.GetValue(_clipGradNorm),
        Accumulate = parsed.GetValue(_accumulate),
        EmaDecay = parsed.GetValue(_emaDecay),
        LearningRateFind = parsed.GetValue(_lrFind),
        SyncBatchNorm = parsed.GetValue(_syncBatchNorm) ? true : null,
        GradientCompression = parsed.GetValue(_gradientCompression),
    };

    private static Option<int?> Whole(string name, string description, int minimum) => new(name)
    {
        Description = description,
        HelpName = "n",
        CustomParser = result =>
        {
            string token = string.Join(" ", result.Tokens.Select(t => t.Value));
            if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
            {
                result.AddError($"{name} must be a whole number, {minimum} or more; got '{token}'.");
                return null;
            }

            return value;
        },
    };

    private static Option<double?> Number(
        string name, string description, double low, double high, bool lowExclusive = false, bool highExclusive = false) => new(name)
    {
        Description = description,
        HelpName = "x",
        CustomParser = result =>
        {
            string token = string.Join(" ", result.Tokens.Select(t => t.Value));
            bool parsed = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value);
            bool inRange = parsed && (lowExclusive ? value > low : value >= low) && (highExclusive ? value < high : value <= high);
            if (!inRange)
            {
                string range = double.IsPositiveInfinity(high)
                    ? string.Create(CultureInfo.InvariantCulture, $"above {low}")
                    : string.Create(CultureInfo.InvariantCulture, $"in {(lowExclusive ? "(" : "[")}{low}, {high}{(highExclusive ? ")" : "]")}");
                result.AddError($"{name} must be a number {range}; got '{token}'.");
                return null;
            }

            return value;
        },
    };
}
