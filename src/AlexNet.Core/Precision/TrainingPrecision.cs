using System;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// The values of <c>TrainerOptions.Precision</c>, with Lightning's names: "32-true" (float32 throughout),
/// "bf16-mixed" (bfloat16 convolutions and Linear layers over float32 master weights) and "16-mixed" (float16
/// likewise, with dynamic loss scaling; CUDA only). See docs/trainer.md, "Mixed precision".
/// </summary>
public static class TrainingPrecision
{
    /// <summary>Float32 everywhere (the default).</summary>
    public const string True32 = "32-true";

    /// <summary>Convolutions and Linear layers in bfloat16; weights, optimizer state, batch norm, loss and reductions in float32.</summary>
    public const string Bf16Mixed = "bf16-mixed";

    /// <summary>As <see cref="Bf16Mixed"/> in float16, with a <see cref="DynamicLossScaler"/>; CUDA only.</summary>
    public const string Fp16Mixed = "16-mixed";

    /// <summary>The accepted values, for messages.</summary>
    public const string AcceptedForms = "\"32-true\", \"bf16-mixed\" or \"16-mixed\" (16-mixed on CUDA only)";

    /// <summary>True when <paramref name="precision"/> is one of the accepted values (exact, lower case).</summary>
    public static bool IsValid(string? precision) => precision is True32 or Bf16Mixed or Fp16Mixed;

    /// <summary>
    /// The dtype convolutions and Linear layers compute in: null for "32-true", bfloat16 for "bf16-mixed", float16
    /// for "16-mixed".
    /// </summary>
    /// <exception cref="ArgumentException">Not an accepted value.</exception>
    public static ScalarType? ComputeType(string precision) => precision switch
    {
        True32 => null,
        Bf16Mixed => ScalarType.BFloat16,
        Fp16Mixed => ScalarType.Float16,
        _ => throw new ArgumentException($"TrainerOptions.Precision must be {AcceptedForms}; got \"{precision}\".", nameof(precision)),
    };

    /// <summary>True for "16-mixed", the one precision that needs loss scaling.</summary>
    public static bool NeedsLossScaling(string precision) => precision == Fp16Mixed;
}
