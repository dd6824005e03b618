using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace AlexNet.Integration.Tests.Support;

/// <summary>Paths the tests read: the repository (README, docs) and Debian's Fashion-MNIST.</summary>
internal static class TestPaths
{
    /// <summary>The repository root (set at build time).</summary>
    public static string RepositoryRoot =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value
        ?? throw new InvalidOperationException("assembly metadata RepositoryRoot is missing");

    /// <summary>A file of the repository.</summary>
    public static string InRepository(string relativePath) => Path.Combine(RepositoryRoot, relativePath);
}
