using AlexNet.Core.Diagnostics;

namespace AlexNet.Samples;

/// <summary>
/// The `doctor` command: what TorchSharp sees on this machine (versions, native backend, the Debian 12 libstdc++ fix,
/// CUDA, threads, bfloat16). Run it first when TorchSharp fails to start: `dotnet run --project samples/Doctor`.
/// </summary>
public static class DoctorSample
{
    /// <summary>Prints the report; returns 1 when a problem stops TorchSharp from running, else 0.</summary>
    public static int Main()
    {
        EnvironmentReport report = AlexNetEnvironment.Describe();
        Console.Write(report.ToString());
        return report.NativeBackendLoaded ? 0 : 1;
    }
}
