using System;
using System.IO;
using System.Runtime.InteropServices;

namespace AlexNet.Tests.Shared;

/// <summary>Named pipes (FIFOs) for the tests that check a reader refuses one without opening it (an open would wait for a writer).</summary>
public static class NamedPipe
{
    /// <summary>Creates a named pipe at <paramref name="path"/> (mode 644).</summary>
    /// <exception cref="IOException">mkfifo failed; the message gives its errno.</exception>
    public static void Create(string path)
    {
        if (mkfifo(path, Convert.ToUInt32("644", 8)) != 0)
        {
            throw new IOException($"mkfifo {path} failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
