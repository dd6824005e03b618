using AlexNet.Samples.Common.Outputs;

namespace AlexNet.Samples.Common.Runs;

/// <summary>What a sample run produced.</summary>
/// <param name="Folder">The output folder.</param>
/// <param name="TestTop1">Final test top-1 accuracy in [0, 1].</param>
/// <param name="TestImages">Number of test images evaluated.</param>
/// <param name="EpochsCompleted">Epochs trained.</param>
/// <param name="WallTime">Wall time of the whole run.</param>
public sealed record RunOutcome(RunFolder Folder, double TestTop1, long TestImages, int EpochsCompleted, TimeSpan WallTime);
