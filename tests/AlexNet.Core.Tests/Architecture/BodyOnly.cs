using AlexNet.Core.Abstractions;

namespace AlexNet.Core.Tests.Architecture.BodyOnly;

/// <summary>A type that uses AlexNet.Core.Abstractions in a method body only, for the graph's own test.</summary>
internal static class UsesDeviceSpecInItsBodyOnly
{
    public static string Describe() => DeviceSpec.Cpu.ToString();
}
