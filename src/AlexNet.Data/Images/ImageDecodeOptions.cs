namespace AlexNet.Data.Images;

/// <summary>
/// How image files become uint8 tensors C x H x W: the channels, an optional resize of the shorter side and an optional
/// central square crop (the paper's "rescale the shorter side to 256, crop the central 256 x 256"), and EXIF
/// orientation. Validated by the decoder that takes them.
/// </summary>
/// <remarks>
/// Images of a folder differ in size; to be stacked into batches they must come out of the decoder at one size. Set
/// <see cref="ShorterSide"/> and <see cref="CenterCrop"/> for photographs; leave both unset for folders whose images
/// all have one size (such as Fashion-MNIST written as PNG files), which are then decoded pixel for pixel.
/// </remarks>
public sealed class ImageDecodeOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "ImageDecode";

    /// <summary>
    /// Output channels: 3 (RGB; grayscale images are replicated, alpha is dropped as PIL's <c>convert("RGB")</c> does)
    /// or 1 (grayscale; colour images are converted with PIL's <c>convert("L")</c> weights 0.299, 0.587, 0.114).
    /// Default 3.
    /// </summary>
    public int Channels { get; set; } = 3;

    /// <summary>
    /// Resize so that the shorter side has this length, keeping the aspect ratio (the longer side becomes
    /// int(side * long / short), as torchvision's <c>Resize(int)</c>). Null (default): no resize.
    /// </summary>
    public int? ShorterSide { get; set; }

    /// <summary>Crop the central <c>CenterCrop x CenterCrop</c> square after the resize. Null (default): no crop.</summary>
    public int? CenterCrop { get; set; }

    /// <summary>
    /// Whether the EXIF orientation of a JPEG is applied, so the image is upright as viewers show it. Default true.
    /// (torchvision's ImageFolder loader does not apply it.)
    /// </summary>
    public bool ApplyExifOrientation { get; set; } = true;

    /// <summary>
    /// Whether a JPEG larger than <see cref="ShorterSide"/> is decoded at a reduced scale before the resize: the smallest
    /// of libjpeg-turbo's scales n/8 (n = 1 to 7, done in the DCT domain while decoding) that keeps the shorter side at
    /// least <see cref="ShorterSide"/>; the resize then starts from that image. Faster (an image 1.2 to 1.9 times the side
    /// decodes at 7/8 to 5/8 of its width and height), but an approximation: torchvision decodes at full size and resizes, so the
    /// pixels differ slightly from its pipeline (and from a full decode here), and without a <see cref="CenterCrop"/> the
    /// longer side may differ by a pixel (it is computed from the scaled size). Default false (full decode, as torchvision).
    /// </summary>
    public bool ScaledJpegDecode { get; set; }

    /// <summary>
    /// The most pixels (width x height) an image may have, as Pillow's <c>Image.MAX_IMAGE_PIXELS</c>: checked against the
    /// size in the file's header before any pixel is allocated, and against the size a resize to
    /// <see cref="ShorterSide"/> produces without a <see cref="CenterCrop"/>; a larger image raises
    /// <see cref="ImageDecodeException"/> (a possible decompression bomb). Default 89,478,485 (Pillow's). Null: no
    /// limit (buffers larger than .NET's largest array are still refused).
    /// </summary>
    public long? MaxImagePixels { get; set; } = ImageSizeLimits.DefaultMaxImagePixels;

    /// <summary>A copy, so that a dataset or classifier is unaffected by later changes to the caller's object.</summary>
    internal ImageDecodeOptions Clone() => (ImageDecodeOptions)MemberwiseClone();
}
