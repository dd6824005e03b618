using System;
using System.IO;

namespace AlexNet.Core.Interop;

/// <summary>
/// torch.hub's cache folder for weights files, worked out as torch.hub 1.13's <c>_get_torch_home</c> and
/// <c>get_dir</c> do: <c>$TORCH_HOME/hub/checkpoints</c>, where TORCH_HOME defaults to <c>$XDG_CACHE_HOME/torch</c> and
/// XDG_CACHE_HOME to <c>~/.cache</c>; a leading "~" is the home folder (HOME, else the user profile). An empty variable
/// counts as unset. <c>torch.hub.set_dir</c> is a Python call and cannot be seen from here.
/// </summary>
internal static class TorchHubCache
{
    /// <summary>The checkpoints folder for the process's environment.</summary>
    public static string CheckpointsDirectory() => CheckpointsDirectory(Environment.GetEnvironmentVariable);

    /// <summary>The checkpoints folder for the environment <paramref name="environment"/> gives (a name to its value or null).</summary>
    public static string CheckpointsDirectory(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string torchHome = Set(environment("TORCH_HOME")) ?? Path.Combine(Set(environment("XDG_CACHE_HOME")) ?? "~/.cache", "torch");
        return Path.Combine(ExpandUser(torchHome, environment), "hub", "checkpoints");
    }

    private static string? Set(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string ExpandUser(string path, Func<string, string?> environment)
    {
        bool tilde = path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            || (Path.DirectorySeparatorChar == '\\' && path.StartsWith("~\\", StringComparison.Ordinal));
        if (!tilde)
        {
            return path;
        }

        string home = Set(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.TrimEnd('/', Path.DirectorySeparatorChar) + path[1..];
    }
}
