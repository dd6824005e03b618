namespace AlexNet.Core.Training;

/// <summary>
/// The mixing of one batch, pair or image: the weight of its own image (1 = not mixed), whether it is CutMix, and the
/// CutMix box (already placed, the weight already corrected where timm corrects it).
/// </summary>
internal readonly record struct BatchMixDraw(double Lambda, bool CutMix, CutMixBox Box)
{
    /// <summary>No mixing.</summary>
    public static BatchMixDraw None => new(1.0, false, CutMixBox.None);

    /// <summary>Mixup with weight <paramref name="lambda"/>.</summary>
    public static BatchMixDraw Mixup(double lambda) => new(lambda, false, CutMixBox.None);
}
