using System;
using System.Collections.Generic;
using System.Globalization;

namespace AlexNet.Core.Training;

/// <summary>
/// Collects option validation failures in one wording: "Prefix.Name must be RANGE; got VALUE."
/// </summary>
internal readonly struct OptionChecks
{
    private readonly string _prefix;
    private readonly List<string> _failures;

    public OptionChecks(string prefix, List<string> failures)
    {
        _prefix = prefix;
        _failures = failures;
    }

    public void Fail(string name, string range, object? value) =>
        _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{_prefix}.{name} must be {range}; got {Show(value)}."));

    public void NotNull(string? value, string name)
    {
        if (value is null)
        {
            Fail(name, "set (use an empty string for none)", null);
        }
    }

    public void AtLeast(long value, long minimum, string name)
    {
        if (value < minimum)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"at least {minimum}"), value);
        }
    }

    /// <summary>A finite value in [low, high] (or [low, high) / (low, high] with the exclusive flags).</summary>
    public void InRange(double value, double low, double high, string name, bool lowExclusive = false, bool highExclusive = false)
    {
        bool ok = double.IsFinite(value)
            && (lowExclusive ? value > low : value >= low)
            && (highExclusive ? value < high : value <= high);
        if (!ok)
        {
            string range = string.Create(CultureInfo.InvariantCulture, $"a number in {(lowExclusive ? "(" : "[")}{low}, {(double.IsPositiveInfinity(high) ? "infinity" : high.ToString(CultureInfo.InvariantCulture))}{(highExclusive || double.IsPositiveInfinity(high) ? ")" : "]")}");
            Fail(name, range, value);
        }
    }

    public void Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            Fail(name, "one of " + string.Join(", ", Enum.GetNames<TEnum>()), value);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The failure text for a required section that is null: "Path must be set; got null."</summary>
    public static string Missing(string path) => $"{path} must be set; got null.";
}
