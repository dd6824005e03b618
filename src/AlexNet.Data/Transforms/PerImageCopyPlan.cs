using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The leading steps of a pipeline that a dataset decoding its images one by one can apply while it copies each image
/// into the batch: a <see cref="Transforms.RandomCrop"/> without padding, a <see cref="Transforms.RandomHorizontalFlip"/>,
/// and <see cref="Transforms.ToFloat"/> with an optional <see cref="Transforms.Normalize"/> (each optional, in that
/// order), followed by the rest of the pipeline, applied to the batch as usual. No N x C x H x W intermediate is made.
/// </summary>
/// <remarks>
/// The random parameters are drawn from the batch's generator by the same calls, in the same order, as the transforms
/// draw them (<see cref="Draw"/>), and the uint8 to float32 conversion is a table of <c>(v / 255 - mean[c]) / std[c]</c>
/// computed in float32 exactly as the two transforms compute it; the batch is therefore bitwise equal to the
/// pipeline's own result, and the generator is left in the same state for the rest of the pipeline.
/// </remarks>
internal sealed class PerImageCopyPlan
{
    private readonly RandomCrop? _crop;
    private readonly RandomHorizontalFlip? _flip;
    private readonly float[]? _table;

    private PerImageCopyPlan(ImageSpec input, RandomCrop? crop, RandomHorizontalFlip? flip, ToFloat? toFloat, Normalize? normalize, ITransform? rest)
    {
        Input = input;
        _crop = crop;
        _flip = flip;
        Rest = rest;
        Output = new ImageSpec(
            toFloat is null ? ScalarType.Byte : ScalarType.Float32,
            input.Channels,
            crop?.Size.Height ?? input.Height,
            crop?.Size.Width ?? input.Width);
        _table = toFloat is null ? null : FloatTable(input.Channels, normalize);
    }

    /// <summary>The spec of the decoded images (uint8).</summary>
    public ImageSpec Input { get; }

    /// <summary>The spec of the batch the plan writes (before <see cref="Rest"/>).</summary>
    public ImageSpec Output { get; }

    /// <summary>The transforms left to apply to the written batch, or null when the plan covers the whole pipeline.</summary>
    public ITransform? Rest { get; }

    /// <summary>Whether the written images are float32 (ToFloat, and Normalize if present, are applied).</summary>
    public bool WritesFloat => _table is not null;

    /// <summary>
    /// The plan for <paramref name="pipeline"/> on uint8 images of <paramref name="input"/>, or null when the pipeline
    /// does not begin with a step the plan can do (then the pipeline is applied to the batch as it is).
    /// </summary>
    public static PerImageCopyPlan? TryCreate(ITransform? pipeline, ImageSpec input)
    {
        if (pipeline is null || input.DType != ScalarType.Byte)
        {
            return null;
        }

        IReadOnlyList<ITransform> steps = pipeline is Compose compose ? compose.Transforms : new[] { pipeline };
        int next = 0;
        RandomCrop? crop = Take<RandomCrop>(steps, ref next);
        if (crop is not null && (!crop.Padding.IsZero || crop.Size.Height > input.Height || crop.Size.Width > input.Width))
        {
            return null; // padding (or padding an image smaller than the box) stays with the batch transform
        }

        RandomHorizontalFlip? flip = Take<RandomHorizontalFlip>(steps, ref next);
        ToFloat? toFloat = Take<ToFloat>(steps, ref next);
        Normalize? normalize = toFloat is null ? null : Take<Normalize>(steps, ref next);
        if (next == 0)
        {
            return null;
        }

        ITransform? rest = next == steps.Count ? null : new Compose(steps.Skip(next));
        return new PerImageCopyPlan(input, crop, flip, toFloat, normalize, rest);
    }

    /// <summary>
    /// The plan that copies the decoded images as they are (no crop, no flip, uint8): a dataset's plain batch read.
    /// </summary>
    public static PerImageCopyPlan Identity(ImageSpec input) => new(input, null, null, null, null, null);

    /// <summary>
    /// Draws the parameters of <paramref name="count"/> images from <paramref name="generator"/> exactly as the crop and
    /// the flip draw them for a batch of that many images (none when the plan has no random step).
    /// </summary>
    public PerImageCopyDraws Draw(int count, Generator? generator)
    {
        var draws = new PerImageCopyDraws(count);
        if (_crop is null && _flip is null)
        {
            return draws;
        }

        ArgumentNullException.ThrowIfNull(generator);
        if (_crop is not null)
        {
            using Tensor tops = RandomDraws.Integers(count, Input.Height - _crop.Size.Height + 1, generator);
            using Tensor lefts = RandomDraws.Integers(count, Input.Width - _crop.Size.Width + 1, generator);
            tops.data<long>().CopyTo(draws.Tops, 0);
            lefts.data<long>().CopyTo(draws.Lefts, 0);
        }

        if (_flip is not null)
        {
            using Tensor flips = RandomDraws.Bernoulli(count, _flip.P, generator);
            flips.data<bool>().CopyTo(draws.Flips, 0);
        }

        return draws;
    }

    /// <summary>
    /// Writes image <paramref name="index"/> of the batch: <paramref name="pixels"/> (planar uint8 of <see cref="Input"/>)
    /// cropped, flipped and converted as the plan and <paramref name="draws"/> say, to <paramref name="batch"/> (the
    /// start of a contiguous batch of <see cref="Output"/>, float32 when <see cref="WritesFloat"/>, else uint8).
    /// </summary>
    public unsafe void Write(ReadOnlySpan<byte> pixels, PerImageCopyDraws draws, int index, IntPtr batch)
    {
        int channels = (int)Input.Channels, height = (int)Input.Height, width = (int)Input.Width;
        if (pixels.Length != channels * height * width)
        {
            throw new ArgumentException($"The image has {pixels.Length} bytes; the plan's input {Input} has {channels * height * width}.", nameof(pixels));
        }

        var box = new PerImageCopy.Box(
            (int)draws.Tops[index], (int)draws.Lefts[index], (int)Output.Height, (int)Output.Width, draws.Flips[index]);
        long imageElements = checked(Output.Channels * Output.Height * Output.Width);
        if (_table is null)
        {
            PerImageCopy.CopyBytes(pixels, channels, height, width, box, new Span<byte>((byte*)batch + (index * imageElements), checked((int)imageElements)));
        }
        else
        {
            var output = new Span<float>((float*)batch + (index * imageElements), checked((int)imageElements));
            PerImageCopy.CopyThroughTable(pixels, channels, height, width, box, _table, output);
        }
    }

    /// <summary>
    /// Writes image <paramref name="index"/> of the batch from <paramref name="rgba"/>: the box of <paramref name="draws"/>
    /// already cut out (box height x box width, interleaved RGBA bytes, alpha ignored), flipped and converted as the plan
    /// says, to <paramref name="batch"/> as <see cref="Write"/> does; the same values as cutting the box out of the planar
    /// image.
    /// </summary>
    public unsafe void WriteBox(ReadOnlySpan<byte> rgba, PerImageCopyDraws draws, int index, IntPtr batch)
    {
        int channels = (int)Output.Channels, height = (int)Output.Height, width = (int)Output.Width;
        if (channels != 3 || rgba.Length != height * width * 4)
        {
            throw new ArgumentException($"The box has {rgba.Length} bytes; the plan's output {Output} needs {height * width * 4} RGBA bytes.", nameof(rgba));
        }

        long imageElements = checked(channels * height * width);
        bool flip = draws.Flips[index];
        if (_table is null)
        {
            PerImageCopy.CopyRgbaBytes(rgba, height, width, flip, new Span<byte>((byte*)batch + (index * imageElements), checked((int)imageElements)));
        }
        else
        {
            PerImageCopy.CopyRgbaThroughTable(rgba, height, width, flip, _table, new Span<float>((float*)batch + (index * imageElements), checked((int)imageElements)));
        }
    }

    /// <summary>The box (top, left, height, width) of image <paramref name="index"/> inside <see cref="Input"/>.</summary>
    public (int Top, int Left, int Height, int Width) BoxOf(PerImageCopyDraws draws, int index) =>
        ((int)draws.Tops[index], (int)draws.Lefts[index], (int)Output.Height, (int)Output.Width);

    /// <summary>
    /// Channel c's float32 value of each uint8 value v: <c>v / 255</c> (ToFloat), then <c>(x - mean[c]) / std[c]</c>
    /// (Normalize, subtract then divide), each operation rounded to float32 as the tensor operations round it.
    /// </summary>
    private static float[] FloatTable(long channels, Normalize? normalize)
    {
        var table = new float[channels * 256];
        for (int c = 0; c < channels; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                float x = v / 255f;
                if (normalize is not null)
                {
                    int k = normalize.Mean.Count == 1 ? 0 : c;
                    x = (x - normalize.Mean[k]) / normalize.Std[k];
                }

                table[(c * 256) + v] = x;
            }
        }

        return table;
    }

    private static T? Take<T>(IReadOnlyList<ITransform> steps, ref int next)
        where T : class, ITransform
    {
        if (next < steps.Count && steps[next] is T step)
        {
            next++;
            return step;
        }

        return null;
    }
}
