namespace AlexNet.Core.Training;

/// <summary>How gradients travel between processes (see <see cref="DistributedOptions.GradientCompression"/>).</summary>
public enum GradientCompression
{
    /// <summary>As float32: the average is exact up to float32 summation order.</summary>
    None,

    /// <summary>
    /// As bfloat16 (8-bit significand): half the bytes per step. Each bucket is rounded to bfloat16 (round to nearest,
    /// ties to even), summed in bfloat16 (each pairwise sum rounded to nearest even), cast back to float32 and divided
    /// by the world size. Every rank ends with the same bits.
    /// </summary>
    BFloat16,
}
