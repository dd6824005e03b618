using System;
using System.Collections.Generic;
using System.Globalization;

namespace AlexNet.Benchmarks.Harness;

/// <summary>Suite options written as a name followed by its value (<c>--reps 5</c>), parsed in the invariant culture.</summary>
public static class SuiteArgs
{
    /// <summary>The value after the first <paramref name="name"/>, or null where the name is absent or last.</summary>
    public static string? Option(IReadOnlyList<string> args, string name)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Count ? args[i + 1] : null;
            }
        }

        return null;
    }

    /// <summary>The integer after <paramref name="name"/>, or <paramref name="fallback"/> where there is none.</summary>
    public static int Int(IReadOnlyList<string> args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The number after <paramref name="name"/>, or <paramref name="fallback"/> where there is none.</summary>
    public static double Double(IReadOnlyList<string> args, string name, double fallback) =>
        Option(args, name) is { } value ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
