using AlexNet.Core.Validation;

namespace AlexNet.Core.Optimization;

/// <summary>The checks of an <see cref="OptimizerOptions"/> section; the trainer's options validator runs them.</summary>
internal static class OptimizerOptionsChecks
{
    /// <summary>Records each invalid setting of <paramref name="o"/> (every section, whatever the kind) in <paramref name="check"/>.</summary>
    public static void Check(OptionChecks check, OptimizerOptions o)
    {
        check.Defined(o.Kind, nameof(o.Kind));
        check.InRange(o.LearningRate, 0, double.PositiveInfinity, nameof(o.LearningRate), lowExclusive: true);
        check.InRange(o.WeightDecay, 0, double.PositiveInfinity, nameof(o.WeightDecay));
        check.InRange(o.FeaturesLearningRateScale, 0, double.PositiveInfinity, nameof(o.FeaturesLearningRateScale));
        if (check.Section(o.Sgd, nameof(o.Sgd)) is OptionChecks sgd)
        {
            CheckSgd(sgd, o.Sgd, o.Kind);
        }

        if (check.Section(o.Adam, nameof(o.Adam)) is OptionChecks adam)
        {
            adam.InRange(o.Adam.Beta1, 0, 1, nameof(o.Adam.Beta1), highExclusive: true);
            adam.InRange(o.Adam.Beta2, 0, 1, nameof(o.Adam.Beta2), highExclusive: true);
            adam.InRange(o.Adam.Epsilon, 0, double.PositiveInfinity, nameof(o.Adam.Epsilon), lowExclusive: true);
        }
    }

    private static void CheckSgd(OptionChecks check, SgdOptions s, OptimizerKind kind)
    {
        check.InRange(s.Momentum, 0, 1, nameof(s.Momentum), highExclusive: true);
        check.InRange(s.Dampening, 0, 1, nameof(s.Dampening));
        if (kind == OptimizerKind.Sgd && s.Nesterov && (s.Momentum <= 0 || s.Dampening != 0))
        {
            check.Fail(nameof(s.Nesterov), "false unless Momentum > 0 and Dampening = 0", $"true with Momentum {s.Momentum} and Dampening {s.Dampening}");
        }
    }
}
