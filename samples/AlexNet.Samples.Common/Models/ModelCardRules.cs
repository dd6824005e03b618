using System.Globalization;
using AlexNet.Core.Models;

namespace AlexNet.Samples.Common.Models;

/// <summary>
/// What a <see cref="ModelCard"/> read from a file must hold before a network is built from it: a model.json is a
/// file from outside, so every field is bounded (a huge classifier width would allocate gigabytes, a zero std divides
/// by zero, a crop above the resize cannot be cut).
/// </summary>
public static class ModelCardRules
{
    /// <summary>The largest classifier width a card may ask for (the variants use 4096 or 2048).</summary>
    public const int MaxClassifierWidth = 8192;

    /// <summary>The most classes a card may list.</summary>
    public const int MaxClasses = 100_000;

    /// <summary>The largest resize a card may ask for.</summary>
    public const int MaxSide = 4096;

    /// <summary>The problems of <paramref name="card"/>, one sentence each naming the field; empty when it can be used.</summary>
    public static IReadOnlyList<string> Problems(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var problems = new List<string>();
        if (!Enum.IsDefined(card.Variant))
        {
            problems.Add($"Variant must be one of {string.Join(", ", Enum.GetNames<Variant>())}; got {card.Variant}");
        }

        if (card.Classes is null || card.Classes.Count is < 1 or > MaxClasses)
        {
            string count = card.Classes is null ? "none" : card.Classes.Count.ToString(CultureInfo.InvariantCulture);
            problems.Add($"Classes must list from 1 to {MaxClasses:N0} class names; got {count}");
        }
        else if (card.Classes.ToList().FindIndex(string.IsNullOrWhiteSpace) is int blank and >= 0)
        {
            problems.Add($"Classes[{blank}] is {(card.Classes[blank] is null ? "null" : "blank")}; every class needs a name");
        }

        if (card.InputChannels is not (1 or 3))
        {
            problems.Add($"InputChannels must be 3 (RGB) or 1 (grayscale); got {card.InputChannels}");
        }

        if (card.ClassifierWidth is < 1 or > MaxClassifierWidth)
        {
            problems.Add($"ClassifierWidth must be from 1 to {MaxClassifierWidth}, or absent for the variant's default; got {card.ClassifierWidth}");
        }

        int minimumCrop = card.Variant switch { Variant.Paper => 227, Variant.TorchVision => 63, _ => 6 };
        if (card.ShorterSide is < 1 or > MaxSide)
        {
            problems.Add($"ShorterSide must be from 1 to {MaxSide}; got {card.ShorterSide}");
        }
        else if (card.CropSize > card.ShorterSide || card.CropSize < minimumCrop || (card.Variant == Variant.Paper && card.CropSize != 227))
        {
            string need = card.Variant == Variant.Paper ? "227 for the Paper variant" : $"from {minimumCrop} (the {card.Variant} variant's smallest input)";
            problems.Add($"CropSize must be {need} and at most ShorterSide ({card.ShorterSide}); got {card.CropSize}");
        }

        problems.AddRange(ChannelValues("Mean", card.Mean, card.InputChannels, mustBePositive: false));
        problems.AddRange(ChannelValues("Std", card.Std, card.InputChannels, mustBePositive: true));
        return problems;
    }

    private static IEnumerable<string> ChannelValues(string field, IReadOnlyList<float>? values, int channels, bool mustBePositive)
    {
        if (values is null || values.Count != channels)
        {
            yield return $"{field} must hold {channels} values (one per input channel); got {values?.Count ?? 0}";
            yield break;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!float.IsFinite(values[i]) || (mustBePositive && values[i] <= 0))
            {
                string need = mustBePositive ? "a finite number above 0" : "a finite number";
                yield return string.Create(CultureInfo.InvariantCulture, $"{field}[{i}] must be {need}; got {values[i]}");
            }
        }
    }
}
