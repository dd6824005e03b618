using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Precision;

/// <summary>
/// Dynamic loss scaling for "16-mixed" training, as PyTorch's <c>GradScaler</c>: the loss is multiplied by
/// <see cref="Scale"/> before backward so that small float16 gradients do not flush to zero; the gradients are
/// divided by it again before clipping and the optimizer step. When any gradient is infinite or NaN the step is
/// skipped and the scale multiplied by <see cref="BackoffFactor"/>; after <see cref="GrowthInterval"/> good steps
/// in a row it is multiplied by <see cref="GrowthFactor"/>. Its state is saved in checkpoints.
/// </summary>
/// <remarks>Deciding whether to skip reads one boolean back from the device per step (as <c>GradScaler</c> does).</remarks>
internal sealed class DynamicLossScaler
{
    /// <summary>Creates a scaler with PyTorch's <c>GradScaler</c> defaults.</summary>
    /// <param name="initialScale">The starting scale, &gt; 0. Default 65536 (2^16).</param>
    /// <param name="growthFactor">Multiplier after <paramref name="growthInterval"/> good steps, &gt; 1. Default 2.</param>
    /// <param name="backoffFactor">Multiplier after a non-finite gradient, in (0, 1). Default 0.5.</param>
    /// <param name="growthInterval">Good steps in a row before the scale grows, &gt;= 1. Default 2000.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public DynamicLossScaler(double initialScale = 65536.0, double growthFactor = 2.0, double backoffFactor = 0.5, int growthInterval = 2000)
    {
        if (!(initialScale > 0) || double.IsInfinity(initialScale))
        {
            throw new ArgumentOutOfRangeException(nameof(initialScale), initialScale, "The initial loss scale must be a finite number > 0.");
        }

        if (!(growthFactor > 1) || double.IsInfinity(growthFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(growthFactor), growthFactor, "The growth factor must be a finite number > 1.");
        }

        if (!(backoffFactor > 0 && backoffFactor < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(backoffFactor), backoffFactor, "The backoff factor must be in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(growthInterval, 1);
        Scale = initialScale;
        GrowthFactor = growthFactor;
        BackoffFactor = backoffFactor;
        GrowthInterval = growthInterval;
    }

    /// <summary>The current loss scale.</summary>
    public double Scale { get; private set; }

    /// <summary>Good (finite) steps in a row since the scale last changed.</summary>
    public int GoodSteps { get; private set; }

    /// <summary>Steps skipped so far because a gradient was infinite or NaN.</summary>
    public long SkippedSteps { get; private set; }

    /// <summary>Multiplier applied after <see cref="GrowthInterval"/> good steps.</summary>
    public double GrowthFactor { get; }

    /// <summary>Multiplier applied after a non-finite gradient.</summary>
    public double BackoffFactor { get; }

    /// <summary>Good steps in a row before the scale grows.</summary>
    public int GrowthInterval { get; }

    /// <summary>The loss multiplied by <see cref="Scale"/> (call backward on this).</summary>
    public Tensor ScaleLoss(Tensor loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return loss.mul(Scale);
    }

    /// <summary>
    /// Divides every gradient of <paramref name="parameters"/> by <see cref="Scale"/>, in place, and reports whether
    /// all of them are finite (one read-back for all parameters).
    /// </summary>
    /// <returns>True when the optimizer may step; false when the step must be skipped.</returns>
    public bool UnscaleGradients(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var scope = NewDisposeScope();
        double inverse = 1.0 / Scale;
        Tensor? allFinite = null;
        foreach (var parameter in parameters)
        {
            if (parameter.grad is not { } grad)
            {
                continue;
            }

            grad.mul_(inverse);
            var finite = grad.isfinite().all();
            allFinite = allFinite is null ? finite : allFinite.logical_and(finite);
        }

        return allFinite is null || allFinite.item<bool>();
    }

    /// <summary>Updates the scale after a step: back off and count a skip when it was not finite, else count towards growth.</summary>
    public void Update(bool finite)
    {
        if (!finite)
        {
            Scale *= BackoffFactor;
            GoodSteps = 0;
            SkippedSteps++;
            return;
        }

        GoodSteps++;
        if (GoodSteps >= GrowthInterval)
        {
            Scale *= GrowthFactor;
            GoodSteps = 0;
        }
    }

    /// <summary>The state a checkpoint keeps: scale, good steps in a row and skipped steps.</summary>
    public JsonObject SaveState() => new()
    {
        ["scale"] = Scale,
        ["good_steps"] = GoodSteps,
        ["skipped_steps"] = SkippedSteps,
    };

    /// <summary>Restores the state <see cref="SaveState"/> wrote.</summary>
    /// <exception cref="FormatException">A field is missing or out of range (the message names it).</exception>
    public void LoadState(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        double scale = Read<double>(state, "scale");
        int good = Read<int>(state, "good_steps");
        long skipped = Read<long>(state, "skipped_steps");
        if (!(scale > 0) || double.IsInfinity(scale) || good < 0 || skipped < 0)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Loss scaler state out of range: scale {scale} (expected a finite number > 0), good_steps {good}, skipped_steps {skipped} (expected >= 0)."));
        }

        Scale = scale;
        GoodSteps = good;
        SkippedSteps = skipped;
    }

    private static T Read<T>(JsonObject state, string name) =>
        state[name] is JsonValue value && value.TryGetValue(out T? result) && result is not null
            ? result
            : throw new FormatException($"Loss scaler state: field \"{name}\" is missing or not a {typeof(T).Name}; got {state[name]?.ToJsonString() ?? "nothing"}.");
}
