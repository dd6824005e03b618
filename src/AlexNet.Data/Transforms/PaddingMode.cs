namespace AlexNet.Data.Transforms;

/// <summary>How padding fills the new pixels (torchvision's <c>padding_mode</c>).</summary>
public enum PaddingMode
{
    /// <summary>A constant fill value.</summary>
    Constant,

    /// <summary>Repeats the edge pixel (torchvision "edge", PyTorch "replicate").</summary>
    Edge,

    /// <summary>Mirrors the image without repeating the edge pixel: 3 2 1 | 0 1 2 3 (needs padding smaller than the image).</summary>
    Reflect,

    /// <summary>Mirrors the image repeating the edge pixel: 2 1 0 | 0 1 2 3 (needs padding no larger than the image).</summary>
    Symmetric,
}
