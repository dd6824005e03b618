using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.Validation;

/// <summary>
/// Collects the failures of one options object in one wording, "Prefix.Name must be RANGE; got VALUE.", for the
/// library's <see cref="IValidateOptions{TOptions}"/> validators:
/// <c>var check = new OptionChecks(nameof(MyOptions)); check.AtLeast(o.Size, 1, nameof(o.Size)); return check.Result;</c>
/// </summary>
internal sealed class OptionChecks
{
    private readonly List<string> _failures;

    /// <summary>Starts an empty collection whose messages begin with <paramref name="prefix"/> (the options class's name).</summary>
    public OptionChecks(string prefix)
        : this(prefix, new List<string>())
    {
    }

    private OptionChecks(string prefix, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        Prefix = prefix;
        _failures = failures;
    }

    /// <summary>What each message starts with, for example "TrainerOptions" or "TrainerOptions.Optimizer".</summary>
    public string Prefix { get; }

    /// <summary>The failures so far (shared with every <see cref="Section"/>).</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Success when nothing failed, else every failure message.</summary>
    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures.ToArray());

    /// <summary>The failure text for a required value that is null: "Path must be set; got null."</summary>
    public static string MissingMessage(string path) => $"{path} must be set; got null.";

    /// <summary>
    /// The checks of a nested options section, "Prefix.<paramref name="name"/>", adding to the same failures; null
    /// when <paramref name="section"/> is null, which is recorded as "Prefix.Name must be set; got null.".
    /// </summary>
    public OptionChecks? Section(object? section, string name)
    {
        if (section is null)
        {
            _failures.Add(MissingMessage($"{Prefix}.{name}"));
            return null;
        }

        return new OptionChecks($"{Prefix}.{name}", _failures);
    }

    /// <summary>Records "Prefix.<paramref name="name"/> must be <paramref name="range"/>; got <paramref name="value"/>.".</summary>
    public void Fail(string name, string range, object? value) =>
        _failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{name} must be {range}; got {Show(value)}."));

    /// <summary>Records a message that does not fit the "must be RANGE; got VALUE" form (it should still name the option and the value).</summary>
    public void Add(string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        _failures.Add(message);
    }

    /// <summary>Records <see cref="Fail"/> unless <paramref name="ok"/>.</summary>
    public void That(bool ok, string name, string range, object? value)
    {
        if (!ok)
        {
            Fail(name, range, value);
        }
    }

    /// <summary>A string that must not be null (empty is allowed).</summary>
    public void NotNull(string? value, string name) => That(value is not null, name, "set (use an empty string for none)", value);

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public void AtLeast(long value, long minimum, string name) =>
        That(value >= minimum, name, string.Create(CultureInfo.InvariantCulture, $"at least {minimum}"), value);

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

    /// <summary>A defined member of <typeparamref name="TEnum"/>.</summary>
    public void Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        That(Enum.IsDefined(value), name, "one of " + string.Join(", ", Enum.GetNames<TEnum>()), value);

    /// <summary>One of the <see cref="Abstractions.DeviceSpec.AcceptedForms"/>.</summary>
    public void Device(string? value, string name) =>
        That(Abstractions.DeviceSpec.IsValid(value), name, Abstractions.DeviceSpec.AcceptedForms, value);

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Abstractions.ImageSize size => size.ToSpacedString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
