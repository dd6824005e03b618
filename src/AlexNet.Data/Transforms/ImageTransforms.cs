using System;
using System.Collections.Generic;
using AlexNet.Core.Abstractions;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The library's tensor image transforms, as torchvision's <c>transforms</c>: each method creates one transform (an
/// <see cref="ITransform"/>), and <see cref="Compose"/> chains them into a pipeline. Random transforms draw their
/// parameters independently per image from the generator passed to <see cref="ITransform.Apply"/>. Arguments are
/// checked here; whether a transform suits the images it will receive is checked by
/// <see cref="ITransform.GetOutputSpec"/> (see <see cref="TransformExtensions.ValidatedFor"/>).
/// </summary>
public static class ImageTransforms
{
    /// <summary>
    /// A box of fixed size at a random position of each image, after optional padding, as torchvision's
    /// <c>RandomCrop</c>: the offsets are uniform over every position where the box fits, drawn independently per image.
    /// </summary>
    /// <param name="size">The box size; an integer gives a square.</param>
    /// <param name="padding">Padding added before cropping (torchvision's <c>padding</c>); an integer pads all sides.</param>
    /// <param name="paddingMode">How the padding is filled.</param>
    /// <param name="fill">The padding value in <see cref="PaddingMode.Constant"/> mode.</param>
    /// <param name="padIfNeeded">
    /// As torchvision's <c>pad_if_needed</c>: when the (padded) image is narrower or shorter than the box, pad the
    /// deficit on both sides of that axis.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1, a padding is negative, or the fill is not finite.</exception>
    public static ITransform RandomCrop(
        ImageSize size, Padding padding = default, PaddingMode paddingMode = PaddingMode.Constant, double fill = 0, bool padIfNeeded = false) =>
        new RandomCrop(size, padding, paddingMode, fill, padIfNeeded);

    /// <summary>
    /// The central box of every image, as torchvision's <c>CenterCrop</c>: the top-left corner is at
    /// <c>round((H - h) / 2), round((W - w) / 2)</c> (halves rounded to even), and an image smaller than the box is
    /// first padded with zeros.
    /// </summary>
    /// <param name="size">The box size; an integer gives a square.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public static ITransform CenterCrop(ImageSize size) => new CenterCrop(size);

    /// <summary>
    /// Bilinear resize of the shorter side to <paramref name="shorterSide"/>, keeping the aspect ratio (torchvision's
    /// <c>Resize(int)</c> on tensors). uint8 images are resized in float32 and rounded back to uint8, as torchvision does.
    /// </summary>
    /// <param name="shorterSide">The new length of the shorter side.</param>
    /// <param name="antialias">Low-pass filter when shrinking (torchvision's <c>antialias=True</c>); torchvision 0.14's tensor default is false.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shorterSide"/> is below 1.</exception>
    public static ITransform Resize(int shorterSide, bool antialias = false) => new Resize(shorterSide, antialias);

    /// <summary>Bilinear resize to exactly <paramref name="size"/> (torchvision's <c>Resize((h, w))</c> on tensors).</summary>
    /// <param name="size">The output height and width.</param>
    /// <param name="antialias">Low-pass filter when shrinking.</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public static ITransform Resize(ImageSize size, bool antialias = false) => new Resize(size, antialias);

    /// <summary>
    /// A random box of random area and aspect ratio from each image, resized (bilinear) to <paramref name="size"/>, as
    /// torchvision's <c>RandomResizedCrop</c>; independent per image.
    /// </summary>
    /// <param name="size">The output size; an integer gives a square.</param>
    /// <param name="scale">Range of the box area as a fraction of the image area; default (0.08, 1).</param>
    /// <param name="ratio">Range of the box aspect ratio width / height; default (3/4, 4/3).</param>
    /// <param name="antialias">Low-pass filter when shrinking (per-image resize).</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1, or a range is not 0 &lt; min &lt;= max (finite).</exception>
    public static ITransform RandomResizedCrop(
        ImageSize size, (double Min, double Max)? scale = null, (double Min, double Max)? ratio = null, bool antialias = false) =>
        new RandomResizedCrop(size, scale, ratio, antialias);

    /// <summary>Pads every image, as torchvision's <c>Pad</c> (modes constant, edge, reflect, symmetric).</summary>
    /// <param name="padding">Pixels added on each side; an integer pads all sides.</param>
    /// <param name="paddingMode">How the new pixels are filled.</param>
    /// <param name="fill">The value in <see cref="PaddingMode.Constant"/> mode.</param>
    /// <exception cref="ArgumentOutOfRangeException">A padding is negative, the fill is not finite, or the mode is unknown.</exception>
    public static ITransform Pad(Padding padding, PaddingMode paddingMode = PaddingMode.Constant, double fill = 0) =>
        new Pad(padding, paddingMode, fill);

    /// <summary>
    /// uint8 images to float32 in [0, 1] (value / 255), as torchvision's <c>ToTensor</c> does for the pixel values.
    /// Floating-point images are converted to float32 without scaling.
    /// </summary>
    public static ITransform ToFloat() => new ToFloat();

    /// <summary>
    /// Per-channel standardisation <c>(x - mean[c]) / std[c]</c> of floating-point images, computed as torchvision's
    /// <c>Normalize</c> (subtract, then divide), so the results are bitwise equal.
    /// </summary>
    /// <param name="mean">One mean per channel, or a single mean for every channel.</param>
    /// <param name="std">One standard deviation per channel (same length as <paramref name="mean"/>); each positive and finite.</param>
    /// <exception cref="ArgumentException">The lists are empty or of different lengths, a value is not finite, or a std is not positive.</exception>
    public static ITransform Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std) => new Normalize(mean, std);

    /// <summary>
    /// Mirrors each image left-right with probability <paramref name="p"/>, independently per image (torchvision's
    /// <c>RandomHorizontalFlip</c>).
    /// </summary>
    /// <param name="p">The probability that an image is flipped, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static ITransform RandomHorizontalFlip(double p = 0.5) => new RandomHorizontalFlip(p);

    /// <summary>
    /// Random brightness, contrast, saturation and hue with torchvision's <c>ColorJitter</c> semantics, drawn
    /// independently for every image, the four adjustments in a random order per image; an argument of 0 turns that
    /// adjustment off. Works on floating-point images in [0, 1] (put <see cref="ToFloat"/> first).
    /// </summary>
    /// <param name="brightness">Brightness factor drawn from [max(0, 1 - brightness), 1 + brightness]; non-negative.</param>
    /// <param name="contrast">Contrast factor drawn from [max(0, 1 - contrast), 1 + contrast]; non-negative.</param>
    /// <param name="saturation">Saturation factor drawn from [max(0, 1 - saturation), 1 + saturation]; non-negative.</param>
    /// <param name="hue">Hue shift drawn from [-hue, hue]; in [0, 0.5].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, NaN or infinite, or <paramref name="hue"/> exceeds 0.5.</exception>
    public static ITransform ColorJitter(double brightness = 0, double contrast = 0, double saturation = 0, double hue = 0) =>
        new ColorJitter(brightness, contrast, saturation, hue);

    /// <summary>
    /// Turns each RGB image to grayscale (luma in all three channels) with probability <paramref name="p"/>, independently
    /// per image, as torchvision's <c>RandomGrayscale</c>; one-channel images pass unchanged.
    /// </summary>
    /// <param name="p">The probability that an image is turned to grayscale, in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static ITransform RandomGrayscale(double p = 0.1) => new RandomGrayscale(p);

    /// <summary>
    /// Grayscale with 1 or 3 output channels: RGB images become their luma 0.2989 R + 0.587 G + 0.114 B (torchvision's
    /// <c>Grayscale</c>; uint8 luma is truncated as torchvision does), one-channel images are kept or replicated to three.
    /// <c>Grayscale(3)</c> feeds Fashion-MNIST to RGB models.
    /// </summary>
    /// <param name="outputChannels">1 or 3.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputChannels"/> is neither 1 nor 3.</exception>
    public static ITransform Grayscale(int outputChannels = 1) => new Grayscale(outputChannels);

    /// <summary>
    /// The paper's PCA colour augmentation ("fancy PCA", Krizhevsky et al. 2012, section 4.1): adds to every pixel of an
    /// image the eigenvectors of the training set's RGB covariance weighted by a_i * lambda_i, with a ~ N(0, alphaStd)
    /// drawn once per image. Works on float RGB images in [0, 1] (before <see cref="Normalize"/>); no clamping.
    /// </summary>
    /// <param name="components">The training set's RGB principal components; <see cref="RgbPrincipalComponents.ImageNet"/> when null.</param>
    /// <param name="alphaStd">Standard deviation of the per-image coefficients; the paper's 0.1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alphaStd"/> is negative, NaN or infinite.</exception>
    public static ITransform PcaLighting(RgbPrincipalComponents? components = null, double alphaStd = 0.1) => new PcaLighting(components, alphaStd);

    /// <summary>
    /// Erases a random box of each image with probability <paramref name="p"/>, independently per image, as
    /// torchvision's <c>RandomErasing</c>: area fraction uniform in <paramref name="scale"/>, aspect ratio log-uniform in
    /// <paramref name="ratio"/>, the first of ten tries that fits strictly inside the image placed uniformly (an image
    /// whose tries all fail is unchanged). Use it after <see cref="ToFloat"/> and <see cref="Normalize"/>, as in torchvision.
    /// </summary>
    /// <param name="p">The probability that an image is erased, in [0, 1].</param>
    /// <param name="scale">Range of the erased area as a fraction of the image, within [0, 1]; default (0.02, 0.33).</param>
    /// <param name="ratio">Range of the box aspect ratio, 0 &lt; min &lt;= max; default (0.3, 3.3).</param>
    /// <param name="value">The fill: one value for every channel or one per channel; default 0.</param>
    /// <param name="randomValue">Fill with standard normal noise instead (torchvision's <c>value='random'</c>; float images only).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the ranges above, or a fill value is not finite.</exception>
    /// <exception cref="ArgumentException">Both <paramref name="value"/> and <paramref name="randomValue"/> are given.</exception>
    public static ITransform RandomErasing(
        double p = 0.5,
        (double Min, double Max)? scale = null,
        (double Min, double Max)? ratio = null,
        IReadOnlyList<float>? value = null,
        bool randomValue = false)
    {
        if (randomValue && value is not null)
        {
            throw new ArgumentException("Give either value or randomValue, not both.", nameof(value));
        }

        return new RandomErasing(p, scale, ratio, randomValue ? null : value ?? new[] { 0f });
    }

    /// <summary>
    /// torchvision 0.14's <c>TrivialAugmentWide</c> on uint8 images (put it before <see cref="ToFloat"/>), independently
    /// per image: one of Identity, ShearX/Y, TranslateX/Y, Rotate, Brightness, Color, Contrast, Sharpness, Posterize,
    /// Solarize, AutoContrast and Equalize, with a magnitude drawn from <paramref name="bins"/> bins and, for signed
    /// operations, a random sign; geometric operations sample nearest and fill with 0.
    /// </summary>
    /// <param name="bins">The number of magnitude bins (torchvision's <c>num_magnitude_bins</c>), at least 2; default 31.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    public static ITransform TrivialAugmentWide(int bins = 31) => new TrivialAugmentWide(bins);

    /// <summary>
    /// A pipeline: applies <paramref name="transforms"/> in order (torchvision's <c>Compose</c>), drawing every random
    /// parameter from the one generator passed in, and disposing the intermediate results as it goes. Its
    /// <c>ToString</c> lists the steps, as "Compose(A → B → C)".
    /// </summary>
    /// <param name="transforms">The transforms, applied first to last.</param>
    /// <exception cref="ArgumentException">A transform is null.</exception>
    public static ITransform Compose(params ITransform[] transforms) => new Compose(transforms);

    /// <summary>
    /// The paper's test-time ten-crop (torchvision's <c>ten_crop</c>): the four corner boxes and the centre box of each
    /// image, then the same five boxes of the horizontally flipped image, whose predictions are averaged. Views are
    /// ordered view-major as <see cref="ITestTimeAugmentation"/> documents.
    /// </summary>
    /// <param name="size">The box size; an integer gives a square (the paper's 224).</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is below 1x1.</exception>
    public static ITestTimeAugmentation TenCrop(ImageSize size) => new TenCrop(size);
}
