using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AlexNet.Core.IO;

/// <summary>What kind of file system entry a path names, read without opening it.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there (or, for a symbolic link followed, its target is missing).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>A named pipe (FIFO): opening it for reading waits for a writer.</summary>
    Fifo,

    /// <summary>A character or block device.</summary>
    Device,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>The status could not be read (permission denied on a parent folder, or another error).</summary>
    Unknown,
}

/// <summary>
/// The kind and identity (device and inode) of a path, from Linux's <c>statx</c>, which never opens the file: a FIFO
/// is recognised without hanging. Elsewhere (no <c>statx</c>), the kind comes from .NET's file attributes and the
/// identity from the fully resolved path.
/// </summary>
internal readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode, string? ResolvedPath)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private static bool _statxAvailable = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    /// <summary>The status of <paramref name="path"/>; <paramref name="followLink"/> false describes a symbolic link itself.</summary>
    public static unsafe FileStatus Of(string path, bool followLink)
    {
        if (_statxAvailable)
        {
            try
            {
                byte* buffer = stackalloc byte[256];
                if (statx(AtFdCwd, path, followLink ? 0 : AtSymlinkNoFollow, StatxType | StatxIno, buffer) != 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    return new FileStatus(errno is 2 or 20 ? FileKind.Missing : FileKind.Unknown, 0, 0, null); // ENOENT, ENOTDIR
                }

                ushort mode = *(ushort*)(buffer + 28);
                ulong inode = *(ulong*)(buffer + 32);
                ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
                return new FileStatus(KindOf(mode), device, inode, null);
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                _statxAvailable = false;
            }
        }

        return Portable(path, followLink);
    }

    /// <summary>Whether two statuses name the same file (same device and inode, or the same resolved path).</summary>
    public bool SameFileAs(FileStatus other) =>
        ResolvedPath is null ? Device == other.Device && Inode == other.Inode : string.Equals(ResolvedPath, other.ResolvedPath, StringComparison.Ordinal);

    /// <summary>
    /// For a path that is a named pipe, a device or a socket (which a reader must not open: opening a FIFO waits for a
    /// writer), words naming what it is; otherwise null.
    /// </summary>
    public static string? DescribeSpecialFile(string path) => Of(path, followLink: true).Kind switch
    {
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.Device => "a device",
        FileKind.Socket => "a socket",
        _ => null,
    };

    /// <summary>A key that is equal for two statuses of the same file.</summary>
    public string IdentityKey => ResolvedPath ?? $"{Device}:{Inode}";

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0x2000 or 0x6000 => FileKind.Device,
        0xC000 => FileKind.Socket,
        _ => FileKind.Unknown,
    };

    private static FileStatus Portable(string path, bool followLink)
    {
        var info = new FileInfo(path);
        if (!info.Exists && !Directory.Exists(path) && info.LinkTarget is null)
        {
            return new FileStatus(FileKind.Missing, 0, 0, null);
        }

        if (info.LinkTarget is not null)
        {
            if (!followLink)
            {
                return new FileStatus(FileKind.SymbolicLink, 0, 0, path);
            }

            FileSystemInfo? target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                return new FileStatus(FileKind.Missing, 0, 0, null);
            }

            path = target.FullName;
        }

        bool directory = Directory.Exists(path);
        return new FileStatus(directory ? FileKind.Directory : FileKind.Regular, 0, 0, Path.GetFullPath(path));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern unsafe int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);
}
