using System;
using System.Globalization;

namespace AlexNet.Core.Distributed;

/// <summary>
/// The rank and world size an MPI launcher (<c>mpirun</c>, <c>mpiexec</c>) gives this process, read from its
/// environment: <c>PMI_RANK</c>/<c>PMI_SIZE</c> (MPICH's Hydra, Intel MPI) or <c>OMPI_COMM_WORLD_RANK</c>/<c>OMPI_COMM_WORLD_SIZE</c>
/// (Open MPI). Without a launcher (or with malformed values) the process is rank 0 of 1.
/// </summary>
/// <remarks>Use it to shard data loaders: <c>Rank = DistributedLaunch.Rank, WorldSize = DistributedLaunch.WorldSize</c>.</remarks>
public static class DistributedLaunch
{
    private static readonly (int Rank, int WorldSize, string? Launcher) Detected = Detect();

    /// <summary>This process's rank among <see cref="WorldSize"/> launched processes (0 without a launcher).</summary>
    public static int Rank => Detected.Rank;

    /// <summary>The number of processes the launcher started (1 without a launcher).</summary>
    public static int WorldSize => Detected.WorldSize;

    /// <summary>True when a launcher started more than one process.</summary>
    public static bool IsDistributed => Detected.WorldSize > 1;

    /// <summary>Which launcher's variables were read ("MPICH (PMI)" or "Open MPI"), or null.</summary>
    internal static string? Launcher => Detected.Launcher;

    private static (int, int, string?) Detect()
    {
        if (Read("PMI_RANK", "PMI_SIZE") is var (rank, size))
        {
            return (rank, size, "MPICH (PMI)");
        }

        if (Read("OMPI_COMM_WORLD_RANK", "OMPI_COMM_WORLD_SIZE") is var (ompiRank, ompiSize))
        {
            return (ompiRank, ompiSize, "Open MPI");
        }

        return (0, 1, null);
    }

    private static (int, int)? Read(string rankVariable, string sizeVariable)
    {
        string? rankText = Environment.GetEnvironmentVariable(rankVariable);
        string? sizeText = Environment.GetEnvironmentVariable(sizeVariable);
        if (!int.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out int rank)
            || !int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out int size)
            || size < 1 || rank >= size)
        {
            return null;
        }

        return (rank, size);
    }
}
