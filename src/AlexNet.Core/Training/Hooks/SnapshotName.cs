using System.Globalization;
using System.Text.RegularExpressions;
using AlexNet.Core.Checkpoints;

namespace AlexNet.Core.Training.Hooks;

/// <summary>
/// The file names of <see cref="CheckpointHook"/>'s numbered snapshots, <c>epoch-EEEE-step-SSSSSSSSS.ckpt</c>: the only
/// names it writes, accepts from a checkpoint, and deletes when it prunes.
/// </summary>
internal static partial class SnapshotName
{
    /// <summary>How the name looks, for messages.</summary>
    public const string Pattern = "epoch-EEEE-step-SSSSSSSSS" + CheckpointFile.Extension;

    /// <summary>The snapshot name of (epoch, step).</summary>
    public static string Of(int epoch, long step) =>
        string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}-step-{step:D9}{CheckpointFile.Extension}");

    /// <summary>True when <paramref name="name"/> is a bare file name of the snapshot form (no folder, no "..").</summary>
    public static bool IsSnapshotName(string name) => Form().IsMatch(name);

    [GeneratedRegex(@"\Aepoch-[0-9]{4,10}-step-[0-9]{9,19}\.ckpt\z", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
