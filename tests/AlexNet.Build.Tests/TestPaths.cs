using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AlexNet.Build.Tests;

internal static class TestPaths
{
    public static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing");

    /// <summary>The pristine libLibTorchSharp.so inside the NuGet package (read, never written).</summary>
    public static string PristineLibTorchSharp =>
        Path.Combine(Metadata("TorchSharpPackageDirectory"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string NewTemporaryDirectory(string under)
    {
        string path = Path.Combine(under, "tmp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
