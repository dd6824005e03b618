using System;
using System.Collections.Generic;
using System.Globalization;

namespace AlexNet.DistributedProbe;

/// <summary>The probe's "--name value" and "--flag" arguments.</summary>
public sealed class ProbeArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static ProbeArguments Parse(string[] args)
    {
        var parsed = new ProbeArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i].TrimStart('-');
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[name] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    public int Int(string name, int fallback) => Value(name) is string text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
