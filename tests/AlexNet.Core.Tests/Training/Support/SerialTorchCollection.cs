namespace AlexNet.Core.Tests.Training.Support;

/// <summary>
/// Tests that need torch's process-wide state to themselves (the default CPU random generator, the process's
/// memory) run in this collection: after the parallel tests, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "Serial torch state";
}
