using System;
using AlexNet.Core.Metrics;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Metrics;

public class ClassificationAccumulatorTests
{
    // Six samples, six classes. Row order of scores = rank of classes.
    private static readonly float[] Scores =
    {
        9, 8, 7, 6, 5, 4,  // label 0: top-1 hit
        9, 8, 7, 6, 5, 4,  // label 4: in top-5, not top-1
        1, 2, 3, 4, 5, 6,  // label 0: ranked last, miss
        0, 9, 1, 1, 1, 1,  // label 1: top-1 hit
        5, 4, 3, 2, 1, 9,  // label 2: rank 4 (9, 5, 4, 3): in top-5
        5, 6, 7, 8, 9, 0,  // label 5: ranked last, miss
    };

    private static readonly long[] Labels = { 0, 4, 0, 1, 2, 5 };

    [Fact]
    public void Top1_top5_loss_and_confusion_matrix_are_counted_exactly()
    {
        using var accumulator = new ClassificationAccumulator(CPU, trackConfusion: true);
        using var scope = NewDisposeScope();
        var scores = tensor(Scores, new long[] { 6, 6 });
        var labels = tensor(Labels);

        accumulator.Update(scores.narrow(0, 0, 4), labels.narrow(0, 0, 4), tensor(0.5f), step: 1);
        accumulator.Update(scores.narrow(0, 4, 2), labels.narrow(0, 4, 2), tensor(2.0f), step: 2);
        var metrics = accumulator.Read();
        var confusion = accumulator.ReadConfusionMatrix()!;

        metrics.Samples.Should().Be(6);
        metrics.Top1.Should().Be(2.0 / 6);
        metrics.Top5.Should().Be(4.0 / 6);
        metrics.Loss.Should().Be(((0.5 * 4) + (2.0 * 2)) / 6);
        metrics.NonFiniteLossBatches.Should().Be(0);
        metrics.FirstNonFiniteStep.Should().BeNull();
        confusion[0, 0].Should().Be(1);
        confusion[4, 0].Should().Be(1);
        confusion[0, 5].Should().Be(1);
        confusion[1, 1].Should().Be(1);
        confusion[2, 5].Should().Be(1);
        confusion[5, 4].Should().Be(1);
        confusion.Total.Should().Be(6);
        confusion.PerClassAccuracy.Should().Equal(0.5, 1.0, 0.0, double.NaN, 0.0, 0.0);
        accumulator.ReadCount.Should().Be(2);
    }

    [Fact]
    public void Update_never_reads_back_so_it_runs_on_the_meta_device_where_any_read_back_throws()
    {
        var meta = new Device("meta");
        using var accumulator = new ClassificationAccumulator(meta, trackConfusion: true);
        using var scope = NewDisposeScope();

        for (int step = 1; step <= 3; step++)
        {
            accumulator.Update(empty(new long[] { 8, 10 }, device: meta), empty(new long[] { 8 }, dtype: int64, device: meta), empty(Array.Empty<long>(), device: meta), step);
        }

        accumulator.ReadCount.Should().Be(0);
        var read = () => accumulator.Read();
        read.Should().Throw<Exception>().WithMessage("*meta*");
    }

    [Fact]
    public void The_first_non_finite_loss_is_tracked_on_the_device_and_named_by_step()
    {
        using var accumulator = new ClassificationAccumulator(CPU);
        using var scope = NewDisposeScope();
        var scores = tensor(Scores, new long[] { 6, 6 });
        var labels = tensor(Labels);

        accumulator.Update(scores, labels, tensor(1.0f), step: 10);
        accumulator.Update(scores, labels, tensor(float.PositiveInfinity), step: 11);
        accumulator.Update(scores, labels, tensor(float.NaN), step: 12);
        var metrics = accumulator.Read();

        metrics.NonFiniteLossBatches.Should().Be(2);
        metrics.FirstNonFiniteStep.Should().Be(11);
        metrics.LossIsFinite.Should().BeFalse();
    }

    [Fact]
    public void Reset_clears_every_sum()
    {
        using var accumulator = new ClassificationAccumulator(CPU, trackConfusion: true);
        using (NewDisposeScope())
        {
            accumulator.Update(tensor(Scores, new long[] { 6, 6 }), tensor(Labels), tensor(float.NaN), step: 3);
        }

        accumulator.Reset();

        accumulator.Read().Should().BeEquivalentTo(ClassificationMetrics.Empty);
        accumulator.ReadConfusionMatrix()!.Total.Should().Be(0);
    }

    [Fact]
    public void Fewer_than_five_classes_use_top_k_with_k_equal_to_the_class_count()
    {
        using var accumulator = new ClassificationAccumulator(CPU);
        using var scope = NewDisposeScope();

        accumulator.Update(tensor(new float[] { 1, 2, 3, 3, 2, 1 }, new long[] { 2, 3 }), tensor(new long[] { 0, 2 }));

        var metrics = accumulator.Read();
        metrics.Top1.Should().Be(0);
        metrics.Top5.Should().Be(1);
        double.IsNaN(metrics.Loss).Should().BeTrue();
    }

    [Fact]
    public void A_changed_class_count_is_refused()
    {
        using var accumulator = new ClassificationAccumulator(CPU);
        using var scope = NewDisposeScope();
        accumulator.Update(zeros(2, 3), zeros(2, dtype: int64));

        var act = () => accumulator.Update(zeros(2, 4), zeros(2, dtype: int64));

        act.Should().Throw<ArgumentException>().WithMessage("*seen 3 classes*has 4*");
    }
}
