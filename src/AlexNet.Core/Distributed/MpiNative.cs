using System;
using System.Runtime.InteropServices;

namespace AlexNet.Core.Distributed;

/// <summary>
/// The few MPI calls the distributed strategy needs, bound to MPICH's library (<c>libmpich.so.12</c>) and its ABI,
/// which Intel MPI, MVAPICH and Cray MPICH share: handles are 32-bit integers with the values of MPICH's <c>mpi.h</c>.
/// Open MPI has another ABI (handles are pointers to its globals) and is not bound here.
/// </summary>
internal static class MpiNative
{
    /// <summary>The library name the calls bind to.</summary>
    public const string Library = "libmpich.so.12";

    /// <summary>MPI_SUCCESS.</summary>
    public const int Success = 0;

    /// <summary>MPI_COMM_WORLD (MPICH ABI).</summary>
    public const int CommWorld = 0x44000000;

    /// <summary>MPI_BYTE (MPICH ABI).</summary>
    public const int TypeByte = 0x4c00010d;

    /// <summary>MPI_FLOAT (MPICH ABI).</summary>
    public const int TypeFloat = 0x4c00040a;

    /// <summary>MPI_DOUBLE (MPICH ABI).</summary>
    public const int TypeDouble = 0x4c00080b;

    /// <summary>MPI_INT64_T (MPICH ABI).</summary>
    public const int TypeInt64 = 0x4c00083a;

    /// <summary>MPI_UINT16_T (MPICH ABI): the 2-byte type bfloat16 values travel as.</summary>
    public const int TypeUInt16 = 0x4c00023c;

    /// <summary>MPI_OP_NULL (MPICH ABI).</summary>
    public const int OpNull = 0x18000000;

    /// <summary>MPI_SUM (MPICH ABI).</summary>
    public const int OpSum = 0x58000003;

    /// <summary>MPI_THREAD_SERIALIZED: any thread may call, one at a time.</summary>
    public const int ThreadSerialized = 2;

    /// <summary>MPI_IN_PLACE: the send buffer of an in-place reduction.</summary>
    public static readonly IntPtr InPlace = new(-1);

    [DllImport(Library, EntryPoint = "MPI_Initialized")]
    public static extern int Initialized(out int flag);

    [DllImport(Library, EntryPoint = "MPI_Finalized")]
    public static extern int Finalized(out int flag);

    [DllImport(Library, EntryPoint = "MPI_Init_thread")]
    public static extern int InitThread(IntPtr argc, IntPtr argv, int required, out int provided);

    [DllImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static extern int CommRank(int comm, out int rank);

    [DllImport(Library, EntryPoint = "MPI_Comm_size")]
    public static extern int CommSize(int comm, out int size);

    [DllImport(Library, EntryPoint = "MPI_Allreduce")]
    public static extern int AllReduce(IntPtr sendBuffer, ref byte buffer, int count, int datatype, int op, int comm);

    [DllImport(Library, EntryPoint = "MPI_Op_create")]
    public static extern unsafe int OpCreate(delegate* unmanaged[Cdecl]<void*, void*, int*, int*, void> function, int commute, out int op);

    [DllImport(Library, EntryPoint = "MPI_Op_free")]
    public static extern int OpFree(ref int op);

    [DllImport(Library, EntryPoint = "MPI_Bcast")]
    public static extern int Broadcast(ref byte buffer, int count, int datatype, int root, int comm);

    [DllImport(Library, EntryPoint = "MPI_Allgather")]
    public static extern int AllGather(long[] send, int sendCount, int sendType, long[] receive, int receiveCount, int receiveType, int comm);

    [DllImport(Library, EntryPoint = "MPI_Barrier")]
    public static extern int Barrier(int comm);

    [DllImport(Library, EntryPoint = "MPI_Abort")]
    public static extern int Abort(int comm, int errorCode);

    [DllImport(Library, EntryPoint = "MPI_Finalize")]
    public static extern int Finalize();
}
