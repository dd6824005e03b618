using System;
using System.Collections.Generic;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Ready-made pipelines: the CIFAR batch-norm and 227 x 227 setups, Fashion-MNIST, and the 2012 paper's training and test
/// procedures, with the datasets' statistics. Each is checked against the images it is meant for when it
/// is built, so a bad argument fails here rather than at the first batch. See docs/transforms.md.
/// </summary>
public static partial class StandardPipelines
{
    // The datasets' statistics, from the weights entries of AlexNet.Core (KnownWeights), which state them once.
    private static IReadOnlyList<float> Cifar10Mean => KnownWeights.Cifar10.Preprocessing.Mean;

    private static IReadOnlyList<float> Cifar10Std => KnownWeights.Cifar10.Preprocessing.Std;

    private static IReadOnlyList<float> FashionMnistMean => KnownWeights.FashionMnist.Preprocessing.Mean;

    private static IReadOnlyList<float> FashionMnistStd => KnownWeights.FashionMnist.Preprocessing.Std;

    private static IReadOnlyList<float> ImageNetMean => KnownWeights.ImageNet.Preprocessing.Mean;

    private static IReadOnlyList<float> ImageNetStd => KnownWeights.ImageNet.Preprocessing.Std;

    /// <summary>The colour jitter of the CIFAR batch-norm setup: brightness, contrast and saturation 0.2, hue 0.1.</summary>
    public static ITransform CifarColorJitter() => new ColorJitter(brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.1);

    /// <summary>CIFAR-10 images as stored: uint8 3 x 32 x 32.</summary>
    public static ImageSpec Cifar10Images { get; } = new(ScalarType.Byte, 3, 32, 32);

    /// <summary>Fashion-MNIST images as stored: uint8 1 x 28 x 28.</summary>
    public static ImageSpec FashionMnistImages { get; } = new(ScalarType.Byte, 1, 28, 28);

    /// <summary>
    /// Training pipeline of the CIFAR batch-norm setup: RandomCrop(32, padding 4), RandomHorizontalFlip(0.5), ToFloat,
    /// ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), Normalize (CIFAR-10 statistics unless given).
    /// </summary>
    public static ITransform CifarBatchNormTrain(IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null) =>
        Checked(
            Cifar10Images,
            new RandomCrop(32, padding: 4),
            new RandomHorizontalFlip(0.5),
            new ToFloat(),
            CifarColorJitter(),
            new RandomGrayscale(0.3),
            new Normalize(mean ?? Cifar10Mean, std ?? Cifar10Std));

    /// <summary>Test pipeline of the CIFAR batch-norm setup: ToFloat, Normalize.</summary>
    public static ITransform CifarBatchNormTest(IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null) =>
        Checked(Cifar10Images, new ToFloat(), new Normalize(mean ?? Cifar10Mean, std ?? Cifar10Std));

    /// <summary>
    /// Training pipeline of the 227 x 227 setup (torchvision's Resize(227), RandomHorizontalFlip, ToTensor, Normalize):
    /// here RandomHorizontalFlip, ToFloat and Normalize run on the small stored images and the bilinear Resize to
    /// 227 x 227 comes last. Flips and per-channel affine maps commute with bilinear resizing, so the result is the same
    /// up to float rounding (torchvision also rounds the resized image to uint8), at a fraction of the memory traffic.
    /// </summary>
    /// <param name="mean">Per-channel mean; CIFAR-10's by default.</param>
    /// <param name="std">Per-channel std; CIFAR-10's by default.</param>
    /// <param name="input">The stored images; CIFAR-10's uint8 3 x 32 x 32 by default.</param>
    public static ITransform Resize227Train(IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null, ImageSpec? input = null) =>
        Checked(
            input ?? Cifar10Images,
            new RandomHorizontalFlip(0.5),
            new ToFloat(),
            new Normalize(mean ?? Cifar10Mean, std ?? Cifar10Std),
            new Resize(new ImageSize(227, 227)));

    /// <summary>Test pipeline of the 227 x 227 setup: ToFloat, Normalize, Resize to 227 x 227.</summary>
    public static ITransform Resize227Test(IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null, ImageSpec? input = null) =>
        Checked(
            input ?? Cifar10Images,
            new ToFloat(),
            new Normalize(mean ?? Cifar10Mean, std ?? Cifar10Std),
            new Resize(new ImageSize(227, 227)));

    /// <summary>Fashion-MNIST for one-channel models: ToFloat, Normalize(0.28604, 0.35302), Resize to <paramref name="size"/> x <paramref name="size"/> unless 28.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1.</exception>
    public static ITransform FashionMnist1Channel(int size) => Checked(FashionMnistImages, FashionMnistSteps(size));

    /// <summary>
    /// Fashion-MNIST for RGB models: as <see cref="FashionMnist1Channel"/>, then the one channel replicated to three
    /// (<c>Grayscale(3)</c>, after the resize so it is resized once).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is below 1.</exception>
    public static ITransform FashionMnist3Channel(int size)
    {
        var steps = new List<ITransform>(FashionMnistSteps(size)) { new Grayscale(outputChannels: 3) };
        return Checked(FashionMnistImages, steps.ToArray());
    }

    /// <summary>
    /// The paper's training augmentation: resize the shorter side to 256 and take the central 256 x 256, then a random
    /// <paramref name="cropSize"/> crop (224 in the paper's text, 227 for its arithmetic), a random horizontal flip,
    /// ToFloat, PCA lighting (alpha ~ N(0, 0.1)) and Normalize.
    /// </summary>
    /// <param name="cropSize">The random crop, in [1, 256]; 224 or 227.</param>
    /// <param name="components">The training set's RGB principal components (<see cref="RgbPrincipalComponents.FromDataset"/>); ImageNet's by default.</param>
    /// <param name="mean">Per-channel mean; torchvision's ImageNet mean by default.</param>
    /// <param name="std">Per-channel std; torchvision's ImageNet std by default.</param>
    /// <param name="input">The stored images (uint8 RGB); 3 x 256 x 256 by default.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cropSize"/> is outside [1, 256].</exception>
    public static ITransform PaperTrain(
        int cropSize = 224, RgbPrincipalComponents? components = null, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null,
        ImageSpec? input = null)
    {
        PaperCropSize(cropSize);
        return Checked(
            input ?? new ImageSpec(ScalarType.Byte, 3, 256, 256),
            new Resize(256),
            new CenterCrop(256),
            new RandomCrop(cropSize),
            new RandomHorizontalFlip(0.5),
            new ToFloat(),
            new PcaLighting(components, alphaStd: 0.1),
            new Normalize(mean ?? ImageNetMean, std ?? ImageNetStd));
    }

    /// <summary>
    /// The paper's test procedure: resize the shorter side to 256, central 256 x 256, ToFloat, Normalize; then the
    /// ten <paramref name="cropSize"/> crops (corners, centre and their mirror images) whose predictions are averaged.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cropSize"/> is outside [1, 256].</exception>
    public static TestTimePipeline PaperTest(int cropSize = 224, IReadOnlyList<float>? mean = null, IReadOnlyList<float>? std = null, ImageSpec? input = null)
    {
        PaperCropSize(cropSize);
        ITransform transform = Checked(
            input ?? new ImageSpec(ScalarType.Byte, 3, 256, 256),
            new Resize(256),
            new CenterCrop(256),
            new ToFloat(),
            new Normalize(mean ?? ImageNetMean, std ?? ImageNetStd));
        return new TestTimePipeline(transform, new TenCrop(cropSize));
    }

    private static ITransform[] FashionMnistSteps(int size)
    {
        TransformArguments.Positive(size, nameof(size));
        var steps = new List<ITransform> { new ToFloat(), new Normalize(FashionMnistMean, FashionMnistStd) };
        if (size != 28)
        {
            steps.Add(new Resize(new ImageSize(size, size)));
        }

        return steps.ToArray();
    }

    private static void PaperCropSize(int cropSize)
    {
        if (cropSize < 1 || cropSize > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(cropSize), cropSize, $"cropSize must lie in [1, 256] (crops are taken from 256 x 256 images); got {cropSize}.");
        }
    }

    private static ITransform Checked(ImageSpec input, params ITransform[] steps) => ImageTransforms.Compose(steps).ValidatedFor(input);
}
