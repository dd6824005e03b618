using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace AlexNet.Core.Distributed;

/// <summary>
/// <see cref="ICollectives"/> over MPI's world communicator (MPICH ABI, see <see cref="MpiNative"/>). MPI is
/// initialised once per process, at the first use of <see cref="World"/>, and finalised when the process exits; a
/// process that exits with a non-zero code or an unhandled exception aborts the whole run instead, so no peer waits
/// forever. Each collective runs under a <see cref="CollectiveWatchdog"/>. bfloat16 sums use a user-defined operation
/// (<see cref="BFloat16Sum"/>), created at their first use and freed before MPI is finalised.
/// </summary>
internal sealed class MpiCollectives : ICollectives
{
    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(45);
    private static readonly Lazy<MpiCollectives> Instance = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly long[] _reducedBytes = new long[Enum.GetValues<ReduceElement>().Length];
    private int _bfloat16SumOp = MpiNative.OpNull;

    private MpiCollectives(int rank, int worldSize)
    {
        Rank = rank;
        WorldSize = worldSize;
        Watchdog = new CollectiveWatchdog(this);
    }

    /// <summary>The world communicator, initialising MPI on first use.</summary>
    /// <exception cref="InvalidOperationException">MPICH's library cannot be loaded or MPI fails to start.</exception>
    public static MpiCollectives World => Instance.Value;

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int WorldSize { get; }

    /// <summary>Aborts the run when a collective does not complete in time.</summary>
    public CollectiveWatchdog Watchdog { get; }

    /// <inheritdoc />
    public void AllReduceSum(Span<byte> buffer, ReduceElement element)
    {
        var (type, size) = element switch
        {
            ReduceElement.Float32 => (MpiNative.TypeFloat, 4),
            ReduceElement.Float64 => (MpiNative.TypeDouble, 8),
            ReduceElement.BFloat16 => (MpiNative.TypeUInt16, 2),
            _ => (MpiNative.TypeInt64, 8),
        };
        if (buffer.Length % size != 0)
        {
            throw new ArgumentException($"A buffer of {buffer.Length} bytes is not a whole number of {element} elements.", nameof(buffer));
        }

        if (buffer.IsEmpty)
        {
            return;
        }

        int op = element == ReduceElement.BFloat16 ? BFloat16SumOp() : MpiNative.OpSum;
        using var armed = Watchdog.Arm("allreduce");
        ref byte start = ref MemoryMarshal.GetReference(buffer);
        Check(MpiNative.AllReduce(MpiNative.InPlace, ref start, buffer.Length / size, type, op, MpiNative.CommWorld), "MPI_Allreduce");
        Interlocked.Add(ref _reducedBytes[(int)element], buffer.Length);
    }

    /// <summary>How many bytes of <paramref name="element"/> this process has passed to allreduce so far.</summary>
    public long ReducedBytes(ReduceElement element) => Interlocked.Read(ref _reducedBytes[(int)element]);

    /// <inheritdoc />
    public void Broadcast(Span<byte> buffer, int root)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        using var armed = Watchdog.Arm("broadcast");
        Check(MpiNative.Broadcast(ref MemoryMarshal.GetReference(buffer), buffer.Length, MpiNative.TypeByte, root, MpiNative.CommWorld), "MPI_Bcast");
    }

    /// <inheritdoc />
    public long[] AllGather(long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = new long[checked(values.Length * WorldSize)];
        using var armed = Watchdog.Arm("allgather");
        Check(MpiNative.AllGather(values, values.Length, MpiNative.TypeInt64, all, values.Length, MpiNative.TypeInt64, MpiNative.CommWorld), "MPI_Allgather");
        return all;
    }

    /// <inheritdoc />
    /// <remarks>Waits a second first: the launcher forwards what this process printed, and an abort cuts that short.</remarks>
    public void Abort(int exitCode)
    {
        AbortWorld(exitCode);
        Environment.Exit(exitCode);
    }

    /// <summary>The user-defined commutative MPI operation adding bfloat16 values (<see cref="BFloat16Sum"/>), created on first use.</summary>
    private unsafe int BFloat16SumOp()
    {
        if (_bfloat16SumOp == MpiNative.OpNull)
        {
            Check(MpiNative.OpCreate(&BFloat16Sum.Reduce, 1, out _bfloat16SumOp), "MPI_Op_create");
        }

        return _bfloat16SumOp;
    }

    private static MpiCollectives Initialise()
    {
        try
        {
            Check(MpiNative.Initialized(out int initialised), "MPI_Initialized");
            if (initialised == 0)
            {
                // MPI_Init waits for every launched process; one that failed before starting MPI would leave it waiting.
                using var watchdog = new Timer(_ => ExitAfterInitTimeout(), null, InitTimeout, System.Threading.Timeout.InfiniteTimeSpan);
                Check(MpiNative.InitThread(IntPtr.Zero, IntPtr.Zero, MpiNative.ThreadSerialized, out _), "MPI_Init_thread");
            }

            Check(MpiNative.CommRank(MpiNative.CommWorld, out int rank), "MPI_Comm_rank");
            Check(MpiNative.CommSize(MpiNative.CommWorld, out int size), "MPI_Comm_size");
            var world = new MpiCollectives(rank, size);
            AppDomain.CurrentDomain.UnhandledException += (_, e) => world.AbortOnUnhandled(e.ExceptionObject);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => world.OnProcessExit();
            return world;
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException(
                $"Distributed training needs MPICH's library {MpiNative.Library} (Debian/Ubuntu: apt-get install mpich); "
                + $"it could not be loaded: {e.Message}", e);
        }
    }

    private static void ExitAfterInitTimeout()
    {
        Console.Error.WriteLine(
            $"AlexNet distributed: rank {DistributedLaunch.Rank} of {DistributedLaunch.WorldSize} waited more than {InitTimeout.TotalSeconds:0} s in MPI_Init; "
            + "another rank failed before starting MPI. Exiting.");
        Console.Error.Flush();
        Environment.Exit(1);
    }

    private static void Check(int code, string call)
    {
        if (code != MpiNative.Success)
        {
            throw new InvalidOperationException($"{call} failed with MPI error code {code}.");
        }
    }

    private static void AbortWorld(int exitCode)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        Thread.Sleep(TimeSpan.FromSeconds(1));
        MpiNative.Abort(MpiNative.CommWorld, exitCode);
    }

    private void AbortOnUnhandled(object exception)
    {
        Console.Error.WriteLine($"AlexNet distributed: rank {Rank} of {WorldSize} failed with an unhandled exception: {exception}");
        Abort(1);
    }

    private void OnProcessExit()
    {
        if (Environment.ExitCode != 0)
        {
            Console.Error.WriteLine($"AlexNet distributed: rank {Rank} of {WorldSize} is exiting with code {Environment.ExitCode}; aborting the other ranks.");
            AbortWorld(Environment.ExitCode);
            return;
        }

        if (MpiNative.Finalized(out int finalised) == MpiNative.Success && finalised == 0)
        {
            if (_bfloat16SumOp != MpiNative.OpNull)
            {
                MpiNative.OpFree(ref _bfloat16SumOp);
            }

            MpiNative.Finalize();
        }
    }
}
