
namespace AlexNet.Samples.Common.Outputs;

/// <summary>
/// The layout of a run's output folder: <c>metrics.csv</c>, <c>metrics.jsonl</c>, <c>tensorboard/</c>,
/// <c>checkpoints/</c> (<c>last.ckpt</c>, <c>best.ckpt</c>), <c>loss.png</c>, <c>accuracy.png</c>,
/// <c>confusion-matrix.png</c> and <c>report.md</c>, which links them all, and <c>settings.json</c> (for <c>--resume</c>).
/// </summary>
public sealed class RunFolder
{
    /// <summary>The name of the checkpoints folder inside a run folder.</summary>
    public const string CheckpointsFolderName = "checkpoints";

    private RunFolder(string root) => Root = root;

    /// <summary>The folder (full path).</summary>
    public string Root { get; }

    /// <summary>Per-epoch metrics as CSV.</summary>
    public string MetricsCsv => Path.Combine(Root, "metrics.csv");

    /// <summary>Per-epoch metrics as JSON lines.</summary>
    public string MetricsJsonLines => Path.Combine(Root, "metrics.jsonl");

    /// <summary>TensorBoard event files (<c>tensorboard --logdir</c> this folder).</summary>
    public string TensorBoard => Path.Combine(Root, "tensorboard");

    /// <summary>Checkpoints.</summary>
    public string Checkpoints => Path.Combine(Root, CheckpointsFolderName);

    /// <summary>Training and test loss per epoch.</summary>
    public string LossPlot => Path.Combine(Root, "loss.png");

    /// <summary>Training and test top-1 accuracy per epoch.</summary>
    public string AccuracyPlot => Path.Combine(Root, "accuracy.png");

    /// <summary>The final test evaluation's confusion matrix.</summary>
    public string ConfusionMatrixPlot => Path.Combine(Root, "confusion-matrix.png");

    /// <summary>The Markdown report.</summary>
    public string Report => Path.Combine(Root, "report.md");

    /// <summary>
    /// Creates the folder <paramref name="path"/>, which must not exist or be empty: a run never writes over the
    /// files of an earlier one.
    /// </summary>
    /// <exception cref="IOException">The folder already holds files.</exception>
    public static RunFolder Create(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string root = Path.GetFullPath(path);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"The output folder {root} already holds files (an earlier run?); choose another with --output or remove it.");
        }

        Directory.CreateDirectory(root);
        return new RunFolder(root);
    }

    /// <summary>The folder of an earlier run, to resume it.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static RunFolder Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The run folder {root} does not exist.");
        }

        return new RunFolder(root);
    }

    /// <summary>The folder <paramref name="path"/> without touching the disk: for the ranks of a distributed run other than rank 0, which write nothing.</summary>
    public static RunFolder At(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new RunFolder(Path.GetFullPath(path));
    }

    /// <summary><paramref name="path"/> relative to the folder, with forward slashes, for links in the report.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');
}
