using System.Collections.Generic;

namespace AlexNet.Core.Interop;

/// <summary>What <see cref="AlexNetWeights.Load(Models.AlexNetModel, string, WeightLoadOptions?)"/> did.</summary>
public sealed class WeightLoadResult
{
    internal WeightLoadResult(IReadOnlyList<string> loadedKeys, IReadOnlyList<string> reinitializedKeys, IReadOnlyList<string> ignoredFileKeys,
        IReadOnlyList<string> notes)
    {
        Notes = notes;
        LoadedKeys = loadedKeys;
        ReinitializedKeys = reinitializedKeys;
        IgnoredFileKeys = ignoredFileKeys;
    }

    /// <summary>The model's state-dict keys copied from the file.</summary>
    public IReadOnlyList<string> LoadedKeys { get; }

    /// <summary>The head's keys, re-initialised instead of loaded (with <see cref="WeightLoadOptions.ReplaceHead"/>).</summary>
    public IReadOnlyList<string> ReinitializedKeys { get; }

    /// <summary>The file's head keys that were not used (with <see cref="WeightLoadOptions.ReplaceHead"/>).</summary>
    public IReadOnlyList<string> IgnoredFileKeys { get; }

    /// <summary>
    /// What the load did beyond copying, one sentence each: the state dict taken from an entry of a checkpoint, a
    /// <c>module.</c> prefix stripped, batch-norm counters the file lacks set to 0. Empty for a plain state dict.
    /// </summary>
    public IReadOnlyList<string> Notes { get; }
}
