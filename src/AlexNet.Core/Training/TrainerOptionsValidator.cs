using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Optimization;
using AlexNet.Core.Precision;
using AlexNet.Core.Schedules;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Training;

/// <summary>
/// Validates <see cref="TrainerOptions"/>: every failure message names the option, the accepted range and the value
/// given, for example <c>TrainerOptions.Optimizer.Sgd.Momentum must be a number in [0, 1); got 1.5.</c>
/// </summary>
internal sealed class TrainerOptionsValidator : OptionsValidator<TrainerOptions>
{
    /// <inheritdoc />
    protected override void Check(TrainerOptions options, OptionChecks check)
    {
        check.AtLeast(options.Epochs, 1, nameof(options.Epochs));
        check.AtLeast(options.LogInterval, 1, nameof(options.LogInterval));
        check.AtLeast(options.AccumulateGradientBatches, 1, nameof(options.AccumulateGradientBatches));
        if (check.Section(options.Ema, nameof(options.Ema)) is OptionChecks ema)
        {
            ema.InRange(options.Ema.Decay, 0, 1, nameof(options.Ema.Decay), highExclusive: true);
        }
        check.Device(options.Device.ToString(), nameof(options.Device));
        ValidatePrecisionAndDevices(options, check);
        if (check.Section(options.Optimizer, nameof(options.Optimizer)) is OptionChecks optimizer)
        {
            OptimizerOptionsChecks.Check(optimizer, options.Optimizer);
        }

        if (check.Section(options.Schedule, nameof(options.Schedule)) is OptionChecks schedule)
        {
            ScheduleOptionsChecks.Check(schedule, options.Schedule, options.Epochs);
        }

        ValidateLoss(check.Section(options.Loss, nameof(options.Loss)), options.Loss);
        ValidateClipping(check.Section(options.GradientClipping, nameof(options.GradientClipping)), options.GradientClipping);
        BatchMixingOptionsChecks.Check(check.Section(options.Mixing, nameof(options.Mixing)), options.Mixing);
        if (check.Section(options.Distributed, nameof(options.Distributed)) is OptionChecks distributed)
        {
            distributed.Defined(options.Distributed.Mode, nameof(options.Distributed.Mode));
            distributed.AtLeast(options.Distributed.BucketSizeMegabytes, 1, nameof(options.Distributed.BucketSizeMegabytes));
            distributed.AtLeast(options.Distributed.CollectiveTimeoutSeconds, 1, nameof(options.Distributed.CollectiveTimeoutSeconds));
            distributed.Defined(options.Distributed.GradientCompression, nameof(options.Distributed.GradientCompression));
        }
    }

    private static void ValidatePrecisionAndDevices(TrainerOptions options, OptionChecks check)
    {
        if (!options.Precision.IsRecognised)
        {
            check.Fail(nameof(options.Precision), TrainingPrecision.AcceptedForms, options.Precision.ToString());
        }

        if (options.Devices is null)
        {
            check.Fail(nameof(options.Devices), "set (an empty list for one device)", null);
        }

        var devices = options.Devices ?? new List<DeviceSpec>();
        if (devices.Any(d => !d.IsRecognised || d.IsAuto))
        {
            string list = "[" + string.Join(", ", devices.Select(d => $"\"{d}\"")) + "]";
            check.Fail(nameof(options.Devices), "a list of \"cpu\", \"cuda\" or \"cuda:N\" entries", new System.Text.StringBuilder(list)); // not a string: shown without quotes
        }

        bool cpuOnly = devices.Count == 0 ? options.Device.IsCpu : devices.Any(d => d.IsCpu);
        if (options.Precision.Equals(TrainingPrecision.Fp16Mixed) && cpuOnly)
        {
            check.Fail(nameof(options.Precision), "\"32-true\" or \"bf16-mixed\" on the CPU (\"16-mixed\" needs CUDA)", options.Precision.ToString());
        }
    }

    private static void ValidateLoss(OptionChecks? check, LossOptions l)
    {
        if (check is null)
        {
            return;
        }

        check.Defined(l.Kind, nameof(l.Kind));
        check.InRange(l.LabelSmoothing, 0, 1, nameof(l.LabelSmoothing), highExclusive: true);
    }

    private static void ValidateClipping(OptionChecks? check, GradientClippingOptions g)
    {
        if (check is null)
        {
            return;
        }

        check.InRange(g.MaxNorm, 0, double.PositiveInfinity, nameof(g.MaxNorm));
        check.InRange(g.MaxValue, 0, double.PositiveInfinity, nameof(g.MaxValue));
        if (!(g.NormType > 0))
        {
            check.Fail(nameof(g.NormType), "a number > 0 (Infinity for the largest absolute value)", g.NormType);
        }
    }
}
