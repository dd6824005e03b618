using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AlexNet.Tests.Shared;

/// <summary>
/// Loads AlexNet.Core's module (its initializer sets LibTorch's huge-page switch, <c>THP_MEM_ALLOC_ENABLE</c>, with the
/// C library's setenv) when the test assembly loads, before the test runner starts its parallel threads: as in an app
/// that uses the library first. Otherwise the first test to touch AlexNet.Core would change the process environment
/// while other tests' threads may be starting LibTorch, which reads it.
/// </summary>
internal static class AlexNetCoreFirst
{
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "Test assemblies: runs AlexNet.Core's initializer before any test thread starts.")]
    internal static void Load() =>
        RuntimeHelpers.RunModuleConstructor(typeof(AlexNet.Core.Diagnostics.AlexNetEnvironment).Module.ModuleHandle);
}
