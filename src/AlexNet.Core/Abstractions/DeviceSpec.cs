using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// Where tensors live, as the options write it: "auto" (CUDA device 0 when TorchSharp sees a GPU, else the CPU),
/// "cpu", "cuda" (GPU 0) or "cuda:N". The one parser, validation and resolution behind
/// <c>TrainerOptions.Device</c>, <c>TrainerOptions.Devices</c> and <c>DataLoaderOptions.Device</c>.
/// </summary>
/// <remarks>
/// <para>Parsing is case-insensitive and ignores surrounding spaces. The default value is <see cref="Auto"/>.
/// <see cref="Resolve(string)"/> decides on this machine: "auto" never fails, "cuda" fails with a message that says
/// how to get a CUDA build.</para>
/// <para>A string converts implicitly (<c>Device = "cuda:1"</c>), configuration binds it from a string, and JSON
/// writes it as one. A text that is none of the <see cref="AcceptedForms"/> converts to a value that keeps it (its
/// <see cref="ToString"/>), so that options validation reports it with the option's name; resolving it throws.</para>
/// </remarks>
[TypeConverter(typeof(TextFormTypeConverter<DeviceSpec>))]
[JsonConverter(typeof(TextFormJsonConverter<DeviceSpec>))]
public readonly struct DeviceSpec : ITextForm<DeviceSpec>
{
    /// <summary>The accepted forms, for validation messages.</summary>
    internal const string AcceptedForms = "\"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N = GPU index)";

    private readonly Kind _kind;
    private readonly string? _unrecognised;

    private DeviceSpec(Kind kind, int cudaIndex, string? unrecognised = null)
    {
        _kind = kind;
        CudaIndex = cudaIndex;
        _unrecognised = unrecognised;
    }

    private enum Kind
    {
        Auto,
        Cpu,
        Cuda,
        Unrecognised,
    }

    /// <summary>"auto": CUDA device 0 when TorchSharp sees a GPU, else the CPU.</summary>
    public static DeviceSpec Auto => default;

    /// <summary>"cpu".</summary>
    public static DeviceSpec Cpu => new(Kind.Cpu, 0);

    /// <summary>True for "auto".</summary>
    internal bool IsAuto => _kind == Kind.Auto;

    /// <summary>True for "cpu".</summary>
    internal bool IsCpu => _kind == Kind.Cpu;

    /// <summary>True for "cuda" and "cuda:N".</summary>
    internal bool IsCuda => _kind == Kind.Cuda;

    /// <summary>The GPU index of "cuda:N" (0 for "cuda", "auto" and "cpu").</summary>
    internal int CudaIndex { get; }

    /// <summary>False for a text that is none of the <see cref="AcceptedForms"/> (kept for the validation message).</summary>
    internal bool IsRecognised => _kind != Kind.Unrecognised;

    /// <summary>The device <paramref name="text"/> names; an unrecognised text is kept (see the remarks).</summary>
    public static implicit operator DeviceSpec(string? text) =>
        TryParse(text, out DeviceSpec spec) ? spec : new DeviceSpec(Kind.Unrecognised, 0, text ?? string.Empty);

    /// <inheritdoc cref="ITextForm{TSelf}.FromText"/>
    static DeviceSpec ITextForm<DeviceSpec>.FromText(string? text) => text;

    /// <summary>CUDA device <paramref name="index"/> ("cuda:N").</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static DeviceSpec Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new DeviceSpec(Kind.Cuda, index);
    }

    /// <summary>True when <paramref name="text"/> is one of the <see cref="AcceptedForms"/>.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>Parses <paramref name="text"/>; false when it is not one of the <see cref="AcceptedForms"/>.</summary>
    internal static bool TryParse(string? text, out DeviceSpec spec)
    {
        spec = Auto;
        string form = (text ?? string.Empty).Trim().ToLowerInvariant();
        switch (form)
        {
            case "auto":
                return true;
            case "cpu":
                spec = Cpu;
                return true;
            case "cuda":
                spec = Cuda();
                return true;
        }

        if (form.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(form.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            spec = Cuda(index);
            return true;
        }

        return false;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The device as written in the options.</param>
    /// <param name="option">The option it came from, named in the message, for example "TrainerOptions.Device".</param>
    /// <exception cref="ArgumentException">The text is not one of the <see cref="AcceptedForms"/>.</exception>
    public static DeviceSpec Parse(string? text, string option = "device") =>
        TryParse(text, out DeviceSpec spec)
            ? spec
            : throw new ArgumentException($"{option} must be {AcceptedForms}; got \"{text}\".", nameof(text));

    /// <summary>Parses <paramref name="text"/> and resolves it on this machine (see <see cref="Resolve(string)"/>).</summary>
    /// <exception cref="ArgumentException">The text is not one of the <see cref="AcceptedForms"/>.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not available, or the GPU index does not exist.</exception>
    internal static Device Resolve(string? text, string option) => Parse(text, option).Resolve(option);

    /// <summary>
    /// The TorchSharp device on this machine: "auto" is CUDA device 0 when TorchSharp sees one, else the CPU.
    /// </summary>
    /// <param name="option">The option the spec came from, named in the message, for example "TrainerOptions.Device".</param>
    /// <exception cref="ArgumentException">The spec is an unrecognised text (see the remarks).</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for and is not available, or the GPU index does not exist.</exception>
    public Device Resolve(string option = "The device") => Resolve(option, torch.cuda.is_available, torch.cuda.device_count);

    /// <summary>The form the options write: "auto", "cpu", "cuda" or "cuda:N" (or the unrecognised text as given).</summary>
    public override string ToString() => _kind switch
    {
        Kind.Unrecognised => _unrecognised ?? string.Empty,
        Kind.Cpu => "cpu",
        Kind.Cuda => CudaIndex == 0 ? "cuda" : string.Create(CultureInfo.InvariantCulture, $"cuda:{CudaIndex}"),
        _ => "auto",
    };

    /// <summary>Resolves against the given CUDA availability (for tests).</summary>
    internal Device Resolve(string option, Func<bool> cudaAvailable, Func<int> cudaDeviceCount)
    {
        if (!IsRecognised)
        {
            throw new ArgumentException($"{option} must be {AcceptedForms}; got \"{this}\".", nameof(option));
        }

        if (IsAuto)
        {
            return cudaAvailable() ? new Device(DeviceType.CUDA, 0) : CPU;
        }

        if (IsCpu)
        {
            return CPU;
        }

        if (!cudaAvailable())
        {
            throw new InvalidOperationException(
                $"{option} is \"{this}\" but TorchSharp sees no CUDA device. This usually means the app was built " +
                "with the CPU backend (TorchSharp-cpu): build it with -p:AlexNetTorchBackend=cuda-linux on a Linux machine with an " +
                "NVIDIA GPU and driver (see docs/gpu-setup.md), or set Device to \"auto\" or \"cpu\".");
        }

        int count = cudaDeviceCount();
        if (CudaIndex >= count)
        {
            throw new InvalidOperationException(
                $"{option} is \"{this}\" but TorchSharp sees {count} CUDA device(s), numbered 0 to {count - 1}.");
        }

        return new Device(DeviceType.CUDA, CudaIndex);
    }
}
