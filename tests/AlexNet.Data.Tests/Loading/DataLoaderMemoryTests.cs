using System;
using System.Collections.Generic;
using System.Linq;
using System.Diagnostics;
using System.Runtime;
using AlexNet.Core.Abstractions;
using TorchSharp;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

/// <summary>Tests that read the process-wide live tensor count run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(LiveTensorCountCollection), DisableParallelization = true)]
public sealed class LiveTensorCountCollection
{
}

/// <summary>
/// Native memory stays flat over thousands of batches: the process-wide count of live TorchSharp tensors returns to its
/// starting value. The loops run in a no-GC region so that finalizers cannot hide a leaked tensor.
/// </summary>
[Collection(nameof(LiveTensorCountCollection))]
public class DataLoaderMemoryTests
{
    private const long NoGcBudget = 200L * 1024 * 1024;

    private static readonly ITransform Pipeline = ImageTransforms.Compose(
        ImageTransforms.RandomCrop(16, padding: 2), ImageTransforms.RandomHorizontalFlip(), ImageTransforms.ToFloat(), ImageTransforms.RandomGrayscale(0.3),
        ImageTransforms.Normalize(new[] { 0.5f }, new[] { 0.25f }));

    private readonly ITestOutputHelper _output;

    public DataLoaderMemoryTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static void Consume(Batch batch)
    {
        using (batch)
        using (NewDisposeScope())
        {
            // A stand-in for a training step: reads the batch, makes temporaries.
            _ = (batch.Images * 2).mean();
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> with no garbage collection, so no finalizer can dispose a leaked tensor behind the
    /// test's back; returns the live tensor count measured once the finalizers of earlier garbage have run.
    /// </summary>
    private static long WithoutGarbageCollection(Action<long> action)
    {
        GC.TryStartNoGCRegion(NoGcBudget).Should().BeTrue("the test needs a no-GC region so finalizers cannot hide leaks");
        try
        {
            GC.WaitForPendingFinalizers();
            long before = Tensor.TotalCount;
            action(before);
            GCSettings.LatencyMode.Should().Be(GCLatencyMode.NoGCRegion, "no collection may have run during the loop");
            return before;
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_thousand_batches_leave_the_live_tensor_count_and_memory_flat(bool prefetch)
    {
        using var dataset = LoaderTestData.Indexed(512, size: 16);
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 16, Seed = 3, Prefetch = prefetch }, Pipeline);
        foreach (Batch batch in loader.GetBatches(0))
        {
            Consume(batch);
        }

        long tensorsAfterFourEpochs = 0;
        int batches = 0;
        long tensorsBefore = WithoutGarbageCollection(_ =>
        {
            for (int epoch = 1; epoch <= 64; epoch++)
            {
                foreach (Batch batch in loader.GetBatches(epoch))
                {
                    Consume(batch);
                    batches++;
                }

                if (epoch == 4)
                {
                    tensorsAfterFourEpochs = Tensor.TotalCount;
                }
            }
        });

        _output.WriteLine($"{batches} batches; live tensors {tensorsBefore} -> {tensorsAfterFourEpochs} -> {Tensor.TotalCount}");
        batches.Should().Be(2048);
        tensorsAfterFourEpochs.Should().Be(tensorsBefore);
        Tensor.TotalCount.Should().Be(tensorsBefore);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_working_set_stays_flat_over_thousands_of_batches(bool prefetch)
    {
        using var dataset = LoaderTestData.Indexed(512, size: 16);
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 16, Seed = 5, Prefetch = prefetch }, Pipeline);
        // The allocator's per-thread arenas (the prefetch thread has its own) keep filling for the first ~1,300
        // batches and then plateau (measured: 303-319 MiB over 20,000 batches), so warm up for 2,048 batches first.
        // Then three windows of 1,024 batches each: a leak grows the working set in every window, while the
        // allocator's and the runtime's noise under a loaded machine (other test assemblies run beside this one)
        // does not repeat, so the smallest of the three growths is the one to bound.
        const int warmUpEpochs = 64, windowEpochs = 32, windows = 3;
        var growths = new List<long>();
        long windowStart = 0;
        for (int epoch = 0; epoch < warmUpEpochs + windows * windowEpochs; epoch++)
        {
            foreach (Batch batch in loader.GetBatches(epoch))
            {
                Consume(batch);
            }

            int done = epoch + 1;
            if (done >= warmUpEpochs && (done - warmUpEpochs) % windowEpochs == 0)
            {
                long now = Process.GetCurrentProcess().WorkingSet64;
                if (done > warmUpEpochs)
                {
                    growths.Add(now - windowStart);
                }

                windowStart = now;
            }
        }

        long growth = growths.Min();
        _output.WriteLine($"working-set growth per window of 1,024 batches: {string.Join(", ", growths.Select(g => $"{g / 1024} KiB"))}");
        growth.Should().BeLessThan(16L * 1024 * 1024, "the 1,024 float batches of a window alone are about 50 MB; a leak would show in every window");
    }

    [Fact]
    public void Hundreds_of_enumerations_stopped_early_leave_no_tensor_behind()
    {
        using var dataset = LoaderTestData.Indexed(512, size: 16);
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 16, Seed = 4, Prefetch = true }, Pipeline);
        long before = WithoutGarbageCollection(_ =>
        {
            for (int run = 0; run < 300; run++)
            {
                int taken = 0;
                foreach (Batch batch in loader.GetBatches(run, run % 20))
                {
                    Consume(batch);
                    if (++taken == 2)
                    {
                        break;
                    }
                }
            }
        });

        Tensor.TotalCount.Should().Be(before);
    }
}
