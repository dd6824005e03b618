namespace AlexNet.Core.Tests.Models;

/// <summary>
/// Tests that seed TorchSharp's global generator and then draw from it run alone, after the parallel tests, so no
/// other test draws in between.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomGenerator
{
    public const string Name = "Global random generator";
}
