using AlexNet.Core.Validation;

namespace AlexNet.Core.Training;

/// <summary>The checks of <see cref="BatchMixingOptions"/> (section <c>Mixing</c>).</summary>
internal static class BatchMixingOptionsChecks
{
    public static void Check(OptionChecks? check, BatchMixingOptions m)
    {
        if (check is null)
        {
            return;
        }

        check.InRange(m.MixupAlpha, 0, double.PositiveInfinity, nameof(m.MixupAlpha));
        check.InRange(m.CutMixAlpha, 0, double.PositiveInfinity, nameof(m.CutMixAlpha));
        check.InRange(m.CutMixMinRatio, 0, 1, nameof(m.CutMixMinRatio));
        check.InRange(m.CutMixMaxRatio, 0, 1, nameof(m.CutMixMaxRatio));
        if (m.CutMixMaxRatio > 0 && !(m.CutMixMinRatio < m.CutMixMaxRatio))
        {
            check.Fail(nameof(m.CutMixMinRatio), $"a number below CutMixMaxRatio ({m.CutMixMaxRatio})", m.CutMixMinRatio);
        }

        check.InRange(m.Probability, 0, 1, nameof(m.Probability));
        check.InRange(m.SwitchProbability, 0, 1, nameof(m.SwitchProbability));
        check.Defined(m.Mode, nameof(m.Mode));
    }
}
