using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Validation;

namespace AlexNet.Core.Schedules;

/// <summary>The checks of a <see cref="LearningRateScheduleOptions"/> section; the trainer's options validator runs them.</summary>
internal static class ScheduleOptionsChecks
{
    /// <summary>
    /// Records each invalid setting of <paramref name="s"/> in <paramref name="check"/>: every section, whatever the kind;
    /// the milestones only when <see cref="ScheduleKind.MultiStep"/> is the kind (they depend on <paramref name="epochs"/>).
    /// </summary>
    public static void Check(OptionChecks check, LearningRateScheduleOptions s, int epochs)
    {
        check.Defined(s.Kind, nameof(s.Kind));
        if (check.Section(s.Step, nameof(s.Step)) is OptionChecks step)
        {
            step.AtLeast(s.Step.StepSize, 1, nameof(s.Step.StepSize));
            step.InRange(s.Step.Gamma, 0, 1, nameof(s.Step.Gamma), lowExclusive: true);
        }

        if (check.Section(s.MultiStep, nameof(s.MultiStep)) is OptionChecks multiStep)
        {
            CheckMultiStep(multiStep, s.MultiStep, s.Kind == ScheduleKind.MultiStep, epochs);
        }

        if (check.Section(s.Cosine, nameof(s.Cosine)) is OptionChecks cosine)
        {
            cosine.InRange(s.Cosine.MinLearningRate, 0, double.PositiveInfinity, nameof(s.Cosine.MinLearningRate));
        }

        if (check.Section(s.OneCycle, nameof(s.OneCycle)) is OptionChecks oneCycle)
        {
            CheckOneCycle(oneCycle, s.OneCycle);
        }

        if (check.Section(s.ReduceOnPlateau, nameof(s.ReduceOnPlateau)) is OptionChecks plateau)
        {
            CheckReduceOnPlateau(plateau, s.ReduceOnPlateau);
        }

        if (check.Section(s.Warmup, nameof(s.Warmup)) is OptionChecks warmup)
        {
            CheckWarmup(warmup, s.Warmup, s.Kind is ScheduleKind.WarmupCosine or ScheduleKind.WarmupLinear, epochs);
        }
    }

    private static void CheckMultiStep(OptionChecks check, MultiStepScheduleOptions m, bool inUse, int epochs)
    {
        check.InRange(m.Gamma, 0, 1, nameof(m.Gamma), lowExclusive: true);
        var milestones = m.Milestones ?? new List<int>();
        bool increasing = milestones.Zip(milestones.Skip(1), (a, b) => a < b).All(x => x);
        bool inRange = milestones.All(e => e >= 1 && e < epochs);
        if (inUse && (milestones.Count == 0 || !increasing || !inRange))
        {
            check.Fail(nameof(m.Milestones), $"one or more strictly increasing epochs in [1, {epochs - 1}]", "[" + string.Join(", ", milestones) + "]");
        }
    }

    private static void CheckOneCycle(OptionChecks check, OneCycleScheduleOptions o)
    {
        check.InRange(o.MaxLearningRate, 0, double.PositiveInfinity, nameof(o.MaxLearningRate));
        check.InRange(o.PercentStart, 0, 1, nameof(o.PercentStart), lowExclusive: true, highExclusive: true);
        check.InRange(o.DivFactor, 1, double.PositiveInfinity, nameof(o.DivFactor));
        check.InRange(o.FinalDivFactor, 1, double.PositiveInfinity, nameof(o.FinalDivFactor));
        check.Defined(o.AnnealStrategy, nameof(o.AnnealStrategy));
        check.InRange(o.MaxMomentum, 0, 1, nameof(o.MaxMomentum), highExclusive: true);
        check.InRange(o.BaseMomentum, 0, o.MaxMomentum, nameof(o.BaseMomentum));
    }

    private static void CheckWarmup(OptionChecks check, WarmupScheduleOptions w, bool inUse, int epochs)
    {
        check.AtLeast(w.WarmupEpochs, 0, nameof(w.WarmupEpochs));
        if (inUse && w.WarmupEpochs >= epochs)
        {
            check.Fail(nameof(w.WarmupEpochs), $"fewer warmup epochs than the {epochs} epochs trained (at least one epoch of decay)", w.WarmupEpochs);
        }

        check.InRange(w.StartFactor, 0, 1, nameof(w.StartFactor), lowExclusive: true);
        check.InRange(w.MinLearningRate, 0, double.PositiveInfinity, nameof(w.MinLearningRate));
        check.InRange(w.EndFactor, 0, 1, nameof(w.EndFactor));
    }

    private static void CheckReduceOnPlateau(OptionChecks check, ReduceOnPlateauScheduleOptions r)
    {
        check.NotNull(r.Monitor, nameof(r.Monitor));
        check.Defined(r.Mode, nameof(r.Mode));
        check.InRange(r.Factor, 0, 1, nameof(r.Factor), lowExclusive: true, highExclusive: true);
        check.AtLeast(r.Patience, 0, nameof(r.Patience));
        check.InRange(r.Threshold, 0, double.PositiveInfinity, nameof(r.Threshold));
        check.Defined(r.ThresholdMode, nameof(r.ThresholdMode));
        check.AtLeast(r.Cooldown, 0, nameof(r.Cooldown));
        check.InRange(r.MinLearningRate, 0, double.PositiveInfinity, nameof(r.MinLearningRate));
        check.InRange(r.MinDelta, 0, double.PositiveInfinity, nameof(r.MinDelta));
    }
}
