namespace AlexNet.Core.Training;

/// <summary>How mixup and CutMix parameters are drawn across a batch (timm's <c>Mixup</c> <c>mode</c>).</summary>
public enum BatchMixingMode
{
    /// <summary>One draw for the whole batch (timm's <c>'batch'</c>).</summary>
    Batch,

    /// <summary>
    /// One draw per pair of images i and N - 1 - i, both mixed with each other (timm's <c>'pair'</c>); the middle image
    /// of an odd batch is not mixed.
    /// </summary>
    Pair,

    /// <summary>One draw per image (timm's <c>'elem'</c>).</summary>
    Element,
}
