namespace AlexNet.Data.Transforms;

/// <summary>The random parameters of one batch for a <see cref="PerImageCopyPlan"/>: per image, the crop box's corner and whether it is flipped.</summary>
internal sealed class PerImageCopyDraws
{
    /// <summary>Parameters of <paramref name="count"/> images: boxes at (0, 0), no flip, until drawn.</summary>
    public PerImageCopyDraws(int count)
    {
        Tops = new long[count];
        Lefts = new long[count];
        Flips = new bool[count];
    }

    /// <summary>The crop box's top row in each image.</summary>
    public long[] Tops { get; }

    /// <summary>The crop box's left column in each image.</summary>
    public long[] Lefts { get; }

    /// <summary>Whether each image is mirrored left-right (after the crop).</summary>
    public bool[] Flips { get; }
}
