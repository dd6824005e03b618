using System.Collections.Generic;

namespace AlexNet.Core.Interop;

/// <summary>What <see cref="AlexNetWeights.Load(Models.AlexNetModel, string, WeightLoadOptions?)"/> did.</summary>
/// <param name="LoadedKeys">The model's state-dict keys copied from the file.</param>
/// <param name="ReinitializedKeys">The head's keys, re-initialised instead of loaded (with <see cref="WeightLoadOptions.ReplaceHead"/>).</param>
/// <param name="IgnoredFileKeys">The file's head keys that were not used (with <see cref="WeightLoadOptions.ReplaceHead"/>).</param>
public sealed record WeightLoadResult(IReadOnlyList<string> LoadedKeys, IReadOnlyList<string> ReinitializedKeys, IReadOnlyList<string> IgnoredFileKeys);
