using System.ComponentModel;
using System.Text.Json.Serialization;
using AlexNet.Core.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// The value of <c>TrainerOptions.Precision</c>, with Lightning's names: "32-true" (float32 throughout, the default),
/// "bf16-mixed" (bfloat16 convolutions and Linear layers over float32 master weights) and "16-mixed" (float16
/// likewise, with dynamic loss scaling; CUDA only). See docs/trainer.md, "Mixed precision".
/// </summary>
/// <remarks>
/// A string converts implicitly (<c>Precision = "bf16-mixed"</c>), configuration binds it from a string, and JSON
/// writes it as one. A text that is none of the <see cref="AcceptedForms"/> converts to a value that keeps it (its
/// <see cref="ToString"/>), so that options validation reports it with the option's name.
/// </remarks>
[TypeConverter(typeof(TextFormTypeConverter<TrainingPrecision>))]
[JsonConverter(typeof(TextFormJsonConverter<TrainingPrecision>))]
public readonly struct TrainingPrecision : ITextForm<TrainingPrecision>
{
    /// <summary>The accepted values, for messages.</summary>
    internal const string AcceptedForms = "\"32-true\", \"bf16-mixed\" or \"16-mixed\" (16-mixed on CUDA only)";

    private const string True32Text = "32-true";
    private const string Bf16MixedText = "bf16-mixed";
    private const string Fp16MixedText = "16-mixed";

    private readonly Kind _kind;
    private readonly string? _unrecognised;

    private TrainingPrecision(Kind kind, string? unrecognised = null)
    {
        _kind = kind;
        _unrecognised = unrecognised;
    }

    private enum Kind
    {
        True32,
        Bf16Mixed,
        Fp16Mixed,
        Unrecognised,
    }

    /// <summary>"32-true": float32 everywhere (the default value).</summary>
    public static TrainingPrecision True32 => default;

    /// <summary>"bf16-mixed": convolutions and Linear layers in bfloat16; weights, optimizer state, batch norm, loss and reductions in float32.</summary>
    public static TrainingPrecision Bf16Mixed => new(Kind.Bf16Mixed);

    /// <summary>"16-mixed": as <see cref="Bf16Mixed"/> in float16, with a <see cref="DynamicLossScaler"/>; CUDA only.</summary>
    public static TrainingPrecision Fp16Mixed => new(Kind.Fp16Mixed);

    /// <summary>False for a text that is none of the <see cref="AcceptedForms"/> (kept for the validation message).</summary>
    internal bool IsRecognised => _kind != Kind.Unrecognised;

    /// <summary>The dtype convolutions and Linear layers compute in: null for "32-true", bfloat16 or float16 for the mixed ones.</summary>
    internal ScalarType? ComputeType => _kind switch
    {
        Kind.Bf16Mixed => ScalarType.BFloat16,
        Kind.Fp16Mixed => ScalarType.Float16,
        _ => null,
    };

    /// <summary>True for "16-mixed", the one precision that needs loss scaling.</summary>
    internal bool NeedsLossScaling => _kind == Kind.Fp16Mixed;

    /// <summary>The precision <paramref name="text"/> names (exact, lower case); an unrecognised text is kept (see the remarks).</summary>
    public static implicit operator TrainingPrecision(string? text) => text switch
    {
        True32Text => True32,
        Bf16MixedText => Bf16Mixed,
        Fp16MixedText => Fp16Mixed,
        _ => new TrainingPrecision(Kind.Unrecognised, text ?? string.Empty),
    };

    /// <summary>True when <paramref name="text"/> is one of the accepted values (exact, lower case).</summary>
    public static bool IsValid(string? text) => ((TrainingPrecision)text).IsRecognised;

    /// <inheritdoc cref="ITextForm{TSelf}.FromText"/>
    static TrainingPrecision ITextForm<TrainingPrecision>.FromText(string? text) => text;

    /// <summary>The form the options write: "32-true", "bf16-mixed" or "16-mixed" (or the unrecognised text as given).</summary>
    public override string ToString() => _kind switch
    {
        Kind.Bf16Mixed => Bf16MixedText,
        Kind.Fp16Mixed => Fp16MixedText,
        Kind.Unrecognised => _unrecognised ?? string.Empty,
        _ => True32Text,
    };
}
