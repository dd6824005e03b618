using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AlexNet.Core.Metrics;

/// <summary>
/// A confusion matrix read back to the host: <c>this[t, p]</c> counts samples of true class t predicted as class p.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    /// <summary>Creates a matrix from row-major counts (<paramref name="classCount"/> squared values).</summary>
    /// <exception cref="ArgumentException">The number of counts is not <paramref name="classCount"/> squared, or a count is negative.</exception>
    internal ConfusionMatrix(int classCount, IReadOnlyList<long> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != classCount * classCount)
        {
            throw new ArgumentException($"A {classCount}-class confusion matrix needs {classCount * classCount} counts; got {counts.Count}.", nameof(counts));
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Confusion matrix counts must not be negative.", nameof(counts));
        }

        ClassCount = classCount;
        _counts = counts.ToArray();
    }

    /// <summary>Number of classes (rows and columns).</summary>
    public int ClassCount { get; }

    /// <summary>Samples of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>.</summary>
    public long this[int trueClass, int predictedClass] => _counts[(trueClass * ClassCount) + predictedClass];

    /// <summary>Total number of samples counted.</summary>
    public long Total => _counts.Sum();

    /// <summary>Number of samples whose true class is <paramref name="trueClass"/> (the row sum).</summary>
    internal long SamplesOf(int trueClass) => Enumerable.Range(0, ClassCount).Sum(p => this[trueClass, p]);

    /// <summary>Top-1 accuracy over all samples (the trace over the total), NaN when empty.</summary>
    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, ClassCount).Sum(c => this[c, c]) / Total;

    /// <summary>
    /// Per-class accuracy (recall): for each true class, the fraction of its samples predicted correctly;
    /// NaN for a class with no samples.
    /// </summary>
    public IReadOnlyList<double> PerClassAccuracy =>
        Enumerable.Range(0, ClassCount)
            .Select(c => SamplesOf(c) == 0 ? double.NaN : (double)this[c, c] / SamplesOf(c))
            .ToArray();

    /// <summary>The counts, row-major (true class major).</summary>
    internal IReadOnlyList<long> ToArray() => _counts.ToArray();

    /// <summary>A fixed-width text table, rows = true class, columns = predicted class.</summary>
    public string ToString(IReadOnlyList<string>? classNames)
    {
        var names = Enumerable.Range(0, ClassCount)
            .Select(i => classNames is not null && i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture))
            .ToArray();
        const string Corner = "true\\pred";
        int labelWidth = Math.Max(names.Max(n => n.Length), Corner.Length) + 1;
        int width = Math.Max(names.Max(n => n.Length), _counts.Max().ToString(CultureInfo.InvariantCulture).Length) + 1;
        var text = new StringBuilder();
        text.Append(Corner.PadRight(labelWidth));
        foreach (string name in names)
        {
            text.Append(name.PadLeft(width));
        }

        text.AppendLine();
        for (int t = 0; t < ClassCount; t++)
        {
            text.Append(names[t].PadRight(labelWidth));
            for (int p = 0; p < ClassCount; p++)
            {
                text.Append(this[t, p].ToString(CultureInfo.InvariantCulture).PadLeft(width));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToString(null);
}
