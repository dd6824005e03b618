using System;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// Turns <see cref="TrainerOptions.Device"/> ("auto", "cpu", "cuda", "cuda:N") into a TorchSharp device.
/// </summary>
public static class TrainingDevice
{
    /// <summary>The accepted forms, for messages.</summary>
    public const string AcceptedForms = "\"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N = GPU index)";

    /// <summary>True when <paramref name="spec"/> is one of the accepted forms (case-insensitive, surrounding spaces ignored).</summary>
    public static bool IsValid(string? spec) => TryParse(spec, out _, out _);

    /// <summary>
    /// Resolves <paramref name="spec"/> on this machine: "auto" picks CUDA device 0 when TorchSharp sees one, else
    /// the CPU.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not an accepted form.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not available, or the GPU index does not exist.</exception>
    public static Device Resolve(string spec) => Resolve(spec, torch.cuda.is_available, torch.cuda.device_count);

    /// <summary>Resolves <paramref name="spec"/> against the given CUDA availability (for tests).</summary>
    internal static Device Resolve(string spec, Func<bool> cudaAvailable, Func<int> cudaDeviceCount)
    {
        if (!TryParse(spec, out bool? wantsCuda, out int index))
        {
            throw new ArgumentException($"TrainerOptions.Device must be {AcceptedForms}; got \"{spec}\".", nameof(spec));
        }

        if (wantsCuda is null)
        {
            return cudaAvailable() ? new Device(DeviceType.CUDA, 0) : CPU;
        }

        if (wantsCuda == false)
        {
            return CPU;
        }

        if (!cudaAvailable())
        {
            throw new InvalidOperationException(
                $"TrainerOptions.Device is \"{spec.Trim()}\" but TorchSharp sees no CUDA device. This usually means the app was built " +
                "with the CPU backend (TorchSharp-cpu): build it with -p:AlexNetTorchBackend=cuda-linux on a Linux machine with an " +
                "NVIDIA GPU and driver (see docs/gpu-setup.md), or set Device to \"auto\" or \"cpu\".");
        }

        int count = cudaDeviceCount();
        if (index >= count)
        {
            throw new InvalidOperationException(
                $"TrainerOptions.Device is \"{spec.Trim()}\" but TorchSharp sees {count} CUDA device(s), numbered 0 to {count - 1}.");
        }

        return new Device(DeviceType.CUDA, index);
    }

    /// <summary>Parses a spec: <paramref name="wantsCuda"/> null = auto, false = CPU, true = CUDA device <paramref name="index"/>.</summary>
    private static bool TryParse(string? spec, out bool? wantsCuda, out int index)
    {
        wantsCuda = null;
        index = 0;
        string text = (spec ?? string.Empty).Trim().ToLowerInvariant();
        switch (text)
        {
            case "auto":
                return true;
            case "cpu":
                wantsCuda = false;
                return true;
            case "cuda":
                wantsCuda = true;
                return true;
        }

        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            wantsCuda = true;
            return true;
        }

        return false;
    }
}
