using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AlexNet.Core.Interop;

/// <summary>
/// A state dict that does not fit a model: keys the model has and the file lacks, keys the file has and the model
/// lacks, and keys whose shapes or element types differ (both given). Thrown before anything is copied, so the model
/// is unchanged.
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    internal StateDictMismatchException(string source, string target, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> misShaped, string? hint = null)
        : base(Describe(source, target, missing, unexpected, misShaped, hint))
    {
        Source = source;
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
    }

    /// <summary>Where the state dict came from (the file path).</summary>
    public new string Source { get; }

    /// <summary>Keys of the model that the file does not have.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Keys of the file that the model does not have.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Keys whose shape or element type differ, each as "key: file [..] Float32, model [..] Float32".</summary>
    public IReadOnlyList<string> MisShaped { get; }

    private static string Describe(string source, string target, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected,
        IReadOnlyList<string> misShaped, string? hint)
    {
        var text = new StringBuilder($"{source}: the weights do not fit {target}; nothing was loaded (the model is unchanged).");
        Append(text, "mis-shaped", misShaped);
        Append(text, "missing from the file", missing);
        Append(text, "unexpected (not in the model)", unexpected);
        if (hint is not null)
        {
            text.Append(' ').Append(hint);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string what, IReadOnlyList<string> keys)
    {
        if (keys.Count > 0)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $" {keys.Count} {what}: ").Append(string.Join("; ", keys.Take(20)));
            if (keys.Count > 20)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"; ... ({keys.Count - 20} more)");
            }

            text.Append('.');
        }
    }
}
