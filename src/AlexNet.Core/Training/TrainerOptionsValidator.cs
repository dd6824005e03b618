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
/// given, for example <c>TrainerOptions.Optimizer.Momentum must be a number in [0, 1); got 1.5.</c>
/// </summary>
internal sealed class TrainerOptionsValidator : OptionsValidator<TrainerOptions>
{
    /// <inheritdoc />
    protected override void Check(TrainerOptions options, OptionChecks check)
    {
        check.AtLeast(options.Epochs, 1, nameof(options.Epochs));
        check.AtLeast(options.LogInterval, 1, nameof(options.LogInterval));
        check.Device(options.Device, nameof(options.Device));
        ValidatePrecisionAndDevices(options, check);
        ValidateOptimizer(check.Section(options.Optimizer, nameof(options.Optimizer)), options.Optimizer);
        ValidateSchedule(check.Section(options.Schedule, nameof(options.Schedule)), options.Schedule, options.Epochs);
        ValidateLoss(check.Section(options.Loss, nameof(options.Loss)), options.Loss);
        ValidateClipping(check.Section(options.GradientClipping, nameof(options.GradientClipping)), options.GradientClipping);
    }

    private static void ValidatePrecisionAndDevices(TrainerOptions options, OptionChecks check)
    {
        if (!TrainingPrecision.IsValid(options.Precision))
        {
            check.Fail(nameof(options.Precision), TrainingPrecision.AcceptedForms, options.Precision);
        }

        if (options.Devices is null)
        {
            check.Fail(nameof(options.Devices), "set (an empty list for one device)", null);
        }

        var devices = options.Devices ?? new List<string>();
        if (devices.Any(d => !DeviceSpec.TryParse(d, out DeviceSpec spec) || spec.IsAuto))
        {
            string list = "[" + string.Join(", ", devices.Select(d => d is null ? "null" : $"\"{d}\"")) + "]";
            check.Fail(nameof(options.Devices), "a list of \"cpu\", \"cuda\" or \"cuda:N\" entries", new System.Text.StringBuilder(list)); // not a string: shown without quotes
        }

        bool cpuOnly = devices.Count == 0
            ? DeviceSpec.TryParse(options.Device, out DeviceSpec single) && single.IsCpu
            : devices.Any(d => DeviceSpec.TryParse(d, out DeviceSpec spec) && spec.IsCpu);
        if (options.Precision == TrainingPrecision.Fp16Mixed && cpuOnly)
        {
            check.Fail(nameof(options.Precision), "\"32-true\" or \"bf16-mixed\" on the CPU (\"16-mixed\" needs CUDA)", options.Precision);
        }
    }

    private static void ValidateOptimizer(OptionChecks? check, OptimizerOptions o)
    {
        if (check is null)
        {
            return;
        }

        check.Defined(o.Kind, nameof(o.Kind));
        check.InRange(o.LearningRate, 0, double.PositiveInfinity, nameof(o.LearningRate), lowExclusive: true);
        check.InRange(o.Momentum, 0, 1, nameof(o.Momentum), highExclusive: true);
        check.InRange(o.Dampening, 0, 1, nameof(o.Dampening));
        check.InRange(o.WeightDecay, 0, double.PositiveInfinity, nameof(o.WeightDecay));
        check.InRange(o.Beta1, 0, 1, nameof(o.Beta1), highExclusive: true);
        check.InRange(o.Beta2, 0, 1, nameof(o.Beta2), highExclusive: true);
        check.InRange(o.Epsilon, 0, double.PositiveInfinity, nameof(o.Epsilon), lowExclusive: true);
        check.InRange(o.FeaturesLearningRateScale, 0, double.PositiveInfinity, nameof(o.FeaturesLearningRateScale));
        if (o.Kind == OptimizerKind.Sgd && o.Nesterov && (o.Momentum <= 0 || o.Dampening != 0))
        {
            check.Fail(nameof(o.Nesterov), "false unless Momentum > 0 and Dampening = 0", $"true with Momentum {o.Momentum} and Dampening {o.Dampening}");
        }
    }

    private static void ValidateSchedule(OptionChecks? check, LearningRateScheduleOptions s, int epochs)
    {
        if (check is null)
        {
            return;
        }

        check.Defined(s.Kind, nameof(s.Kind));
        check.AtLeast(s.StepSize, 1, nameof(s.StepSize));
        check.InRange(s.Gamma, 0, 1, nameof(s.Gamma), lowExclusive: true);
        check.InRange(s.MinLearningRate, 0, double.PositiveInfinity, nameof(s.MinLearningRate));
        check.InRange(s.MaxLearningRate, 0, double.PositiveInfinity, nameof(s.MaxLearningRate));
        check.InRange(s.PercentStart, 0, 1, nameof(s.PercentStart), lowExclusive: true, highExclusive: true);
        check.InRange(s.DivFactor, 1, double.PositiveInfinity, nameof(s.DivFactor));
        check.InRange(s.FinalDivFactor, 1, double.PositiveInfinity, nameof(s.FinalDivFactor));
        check.Defined(s.AnnealStrategy, nameof(s.AnnealStrategy));
        check.InRange(s.MaxMomentum, 0, 1, nameof(s.MaxMomentum), highExclusive: true);
        check.InRange(s.BaseMomentum, 0, s.MaxMomentum, nameof(s.BaseMomentum));
        check.NotNull(s.Monitor, nameof(s.Monitor));
        check.Defined(s.Mode, nameof(s.Mode));
        check.InRange(s.Factor, 0, 1, nameof(s.Factor), lowExclusive: true, highExclusive: true);
        check.AtLeast(s.Patience, 0, nameof(s.Patience));
        check.InRange(s.Threshold, 0, double.PositiveInfinity, nameof(s.Threshold));
        check.Defined(s.ThresholdMode, nameof(s.ThresholdMode));
        check.AtLeast(s.Cooldown, 0, nameof(s.Cooldown));
        check.InRange(s.MinDelta, 0, double.PositiveInfinity, nameof(s.MinDelta));
        var milestones = s.Milestones ?? new List<int>();
        bool increasing = milestones.Zip(milestones.Skip(1), (a, b) => a < b).All(x => x);
        bool inRange = milestones.All(m => m >= 1 && m < epochs);
        if (s.Kind == ScheduleKind.MultiStep && (milestones.Count == 0 || !increasing || !inRange))
        {
            check.Fail(nameof(s.Milestones), $"one or more strictly increasing epochs in [1, {epochs - 1}]", "[" + string.Join(", ", milestones) + "]");
        }

        if (s.ResetOptimizerOnDecay && s.Kind is not (ScheduleKind.Step or ScheduleKind.MultiStep))
        {
            check.Fail(nameof(s.ResetOptimizerOnDecay), "true only with the Step or MultiStep schedule (false otherwise)", $"true with {s.Kind}");
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
