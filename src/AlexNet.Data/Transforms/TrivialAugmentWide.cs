using System;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// torchvision 0.14's <c>TrivialAugmentWide</c> on uint8 images, independently per image: one operation drawn uniformly
/// from the fourteen of <see cref="Operations"/>, one of <see cref="Bins"/> magnitudes drawn uniformly, and, for signed
/// operations, a sign drawn uniformly; geometric operations sample nearest and fill with 0.
/// </summary>
internal sealed class TrivialAugmentWide : ImageTransform
{
    /// <summary>The operations, in torchvision's order (an image's drawn index picks one).</summary>
    internal static readonly string[] Operations =
    {
        "Identity", "ShearX", "ShearY", "TranslateX", "TranslateY", "Rotate", "Brightness", "Color", "Contrast",
        "Sharpness", "Posterize", "Solarize", "AutoContrast", "Equalize",
    };

    /// <summary>Creates the transform.</summary>
    /// <param name="bins">The number of magnitude bins (torchvision's <c>num_magnitude_bins</c>), at least 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    public TrivialAugmentWide(int bins = 31)
    {
        if (bins < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, $"bins must be at least 2; got {bins}.");
        }

        Bins = bins;
    }

    /// <summary>The number of magnitude bins.</summary>
    public int Bins { get; }

    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input)
    {
        if (input.DType != ScalarType.Byte)
        {
            throw new ArgumentException(
                $"TrivialAugmentWide works on uint8 images (as torchvision's posterize and equalize); got {input.DType}. Put it before ToFloat.", "images");
        }

        TransformArguments.RequireChannels(input, nameof(TrivialAugmentWide), 1, 3);
        return input;
    }

    /// <summary>
    /// The magnitude of bin <paramref name="bin"/> of <paramref name="operation"/>, unsigned, as torchvision's
    /// <c>_augmentation_space</c> gives it (float32 tables; 0 for operations without magnitudes).
    /// </summary>
    internal double Magnitude(int operation, long bin)
    {
        float[] table = Operations[operation] switch
        {
            "ShearX" or "ShearY" or "Brightness" or "Color" or "Contrast" or "Sharpness" => Linspace(0, 0.99),
            "TranslateX" or "TranslateY" => Linspace(0, 32),
            "Rotate" => Linspace(0, 135),
            "Solarize" => Linspace(255, 0),
            "Posterize" => Enumerable.Range(0, Bins).Select(i => (float)(8 - (int)MathF.Round(i / ((Bins - 1) / 6.0f), MidpointRounding.ToEven))).ToArray(),
            _ => new float[] { 0 },
        };
        return table.Length == 1 ? 0 : table[bin];
    }

    /// <summary>Whether an operation's magnitude takes a random sign.</summary>
    internal static bool IsSigned(int operation) => operation is >= 1 and <= 9;

    /// <summary>Applies operation operations[n] with signed magnitude magnitudes[n] to image n: the transform with its draws given.</summary>
    internal Tensor ApplyWith(Tensor images, int[] operations, double[] magnitudes) =>
        RunOnBatch(images, batch => ApplyOperations(batch, operations, magnitudes));

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        long n = batch.shape[0];
        long[] operation = RandomDraws.Integers(n, Operations.Length, generator).data<long>().ToArray();
        long[] bin = RandomDraws.Integers(n, Bins, generator).data<long>().ToArray();
        long[] sign = RandomDraws.Integers(n, 2, generator).data<long>().ToArray();
        var operations = operation.Select(o => (int)o).ToArray();
        var magnitudes = new double[n];
        for (int i = 0; i < n; i++)
        {
            magnitudes[i] = Magnitude(operations[i], bin[i]) * (IsSigned(operations[i]) && sign[i] == 1 ? -1 : 1);
        }

        return ApplyOperations(batch, operations, magnitudes);
    }

    private static Tensor ApplyOperations(Tensor batch, int[] operations, double[] magnitudes)
    {
        if (operations.Length != batch.shape[0] || magnitudes.Length != batch.shape[0])
        {
            throw new ArgumentException(
                $"One operation and one magnitude per image: {batch.shape[0]} images, {operations.Length} operations, {magnitudes.Length} magnitudes.",
                nameof(operations));
        }

        Tensor result = batch.clone();
        for (int op = 1; op < Operations.Length; op++)
        {
            int[] rows = Enumerable.Range(0, operations.Length).Where(i => operations[i] == op).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            Tensor index = tensor(rows.Select(r => (long)r).ToArray()).to(batch.device);
            double[] m = rows.Select(r => magnitudes[r]).ToArray();
            Tensor transformed = Apply(op, batch.index_select(0, index), m);
            result.index_copy_(0, index, transformed);
        }

        return result;
    }

    private static Tensor Apply(int op, Tensor x, double[] m)
    {
        long h = x.shape[2], w = x.shape[3];
        Tensor PerImage(Func<double, float> f, ScalarType type = ScalarType.Float32) =>
            tensor(m.Select(f).ToArray()).to(type, x.device).view(-1, 1, 1, 1);
        Tensor Ratio() => PerImage(v => (float)(1.0 + v));
        Tensor Rest() => PerImage(v => (float)(1.0 - (1.0 + v)));
        return Operations[op] switch
        {
            "ShearX" => TrivialAugmentGeometry.Warp(x, m.Select(v => TrivialAugmentGeometry.Shear(v, true, h, w)).ToArray()),
            "ShearY" => TrivialAugmentGeometry.Warp(x, m.Select(v => TrivialAugmentGeometry.Shear(v, false, h, w)).ToArray()),
            "TranslateX" => TrivialAugmentGeometry.Warp(x, m.Select(v => TrivialAugmentGeometry.Translate((long)v, 0)).ToArray()),
            "TranslateY" => TrivialAugmentGeometry.Warp(x, m.Select(v => TrivialAugmentGeometry.Translate(0, (long)v)).ToArray()),
            "Rotate" => TrivialAugmentGeometry.Warp(x, m.Select(TrivialAugmentGeometry.Rotate).ToArray()),
            "Brightness" => TrivialAugmentColor.Brightness(x, Ratio(), Rest()),
            "Color" => TrivialAugmentColor.Saturation(x, Ratio(), Rest()),
            "Contrast" => TrivialAugmentColor.Contrast(x, Ratio(), Rest()),
            "Sharpness" => TrivialAugmentColor.Sharpness(x, Ratio(), Rest()),
            "Posterize" => TrivialAugmentColor.Posterize(x, tensor(m.Select(v => (byte)(256 - (1 << (8 - (int)v)))).ToArray()).to(x.device).view(-1, 1, 1, 1)),
            "Solarize" => TrivialAugmentColor.Solarize(x, PerImage(v => (float)v)),
            "AutoContrast" => TrivialAugmentColor.AutoContrast(x),
            _ => TrivialAugmentColor.Equalize(x),
        };
    }

    /// <summary>
    /// <c>torch.linspace(start, end, bins)</c> in float32, as the correctly rounded values start + (end - start) * i /
    /// (bins - 1): PyTorch's kernels differ from these by one float32 step in a few bins (version-dependent), which can
    /// move a blended pixel by one; whole-pixel translations are equal.
    /// </summary>
    private float[] Linspace(double start, double end) =>
        Enumerable.Range(0, Bins).Select(i => (float)(start + ((end - start) * i / (Bins - 1)))).ToArray();

    /// <inheritdoc />
    public override string ToString() => $"TrivialAugmentWide(bins {Bins})";
}
