using System.Collections.Generic;

namespace AlexNet.Core.Training;

/// <summary>
/// The suggested rate of a range test: the steepest descent of the smoothed loss
/// (see <see cref="LearningRateFinderResult.SuggestedLearningRate"/>).
/// </summary>
internal static class LearningRateSuggestion
{
    private const int SkipStart = 10;
    private const int SkipEnd = 5;

    /// <summary>The rate at the most negative numpy.gradient of <paramref name="smoothed"/>[10 .. n-5), or null with fewer than 2 points.</summary>
    public static double? SteepestDescent(IReadOnlyList<double> rates, IReadOnlyList<double> smoothed)
    {
        int first = SkipStart;
        int count = smoothed.Count - SkipStart - SkipEnd;
        if (count < 2)
        {
            return null;
        }

        int best = 0;
        double steepest = double.PositiveInfinity;
        for (int i = 0; i < count; i++)
        {
            double gradient = i == 0 ? smoothed[first + 1] - smoothed[first]
                : i == count - 1 ? smoothed[first + i] - smoothed[first + i - 1]
                : (smoothed[first + i + 1] - smoothed[first + i - 1]) / 2;
            if (gradient < steepest)
            {
                steepest = gradient;
                best = i;
            }
        }

        return rates[first + best];
    }
}
