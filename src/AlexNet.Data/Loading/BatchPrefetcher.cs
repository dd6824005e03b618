using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AlexNet.Core.Abstractions;

namespace AlexNet.Data.Loading;

/// <summary>
/// Enumerates a batch sequence on a background thread, one batch ahead of the consumer: while the consumer holds batch
/// k, the producer prepares batch k + 1 and then waits. Batches prepared but never handed over (the consumer stopped
/// early) are disposed here; a producer failure is rethrown to the consumer after the batches made before it.
/// </summary>
internal static class BatchPrefetcher
{
    public static IEnumerable<Batch> Prefetch(IEnumerable<Batch> source)
    {
        using var ready = new BlockingCollection<Batch>(boundedCapacity: 1);
        using var permits = new SemaphoreSlim(1);
        using var stop = new CancellationTokenSource();
        Task producer = Task.Factory.StartNew(
            () => Produce(source, ready, permits, stop.Token),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            foreach (Batch batch in ready.GetConsumingEnumerable())
            {
                permits.Release();
                yield return batch;
            }

            producer.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // Either already rethrown above, or the consumer stopped before asking for the failed batch.
            }

            while (ready.TryTake(out Batch? left))
            {
                left.Dispose();
            }
        }
    }

    private static void Produce(IEnumerable<Batch> source, BlockingCollection<Batch> ready, SemaphoreSlim permits, CancellationToken stop)
    {
        try
        {
            using IEnumerator<Batch> batches = source.GetEnumerator();
            while (true)
            {
                permits.Wait(stop);
                if (!batches.MoveNext())
                {
                    break;
                }

                Batch batch = batches.Current;
                try
                {
                    ready.Add(batch, stop);
                }
                catch (OperationCanceledException)
                {
                    batch.Dispose();
                    throw;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The consumer stopped; nothing is owed to it.
        }
        finally
        {
            ready.CompleteAdding();
        }
    }
}
