using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>Decodes files of an <see cref="ImageFolder"/> in parallel into one uint8 batch (its <c>ReadBatch</c>).</summary>
internal static class ImageFolderReader
{
    /// <summary>
    /// Decodes <paramref name="files"/> in parallel into uint8 images N x C x H x W of <paramref name="spec"/> and int64
    /// labels N, both owned by the caller. With <see cref="ImageFolderOptions.SkipUnreadable"/>, unreadable files are left
    /// out (so N may be smaller) and passed to <paramref name="report"/>; without it the first failure is thrown.
    /// </summary>
    /// <exception cref="ImageDecodeException">A file cannot be decoded, or its size differs from the spec's, and skipping is off.</exception>
    public static (Tensor Images, Tensor Labels) Read(
        IReadOnlyList<ImageFile> files, ImageSpec spec, ImageFolderOptions options, Action<ImageFile, ImageDecodeException> report) =>
        Read(files, options, report, PerImageCopyPlan.Identity(spec), generator: null);

    /// <summary>
    /// As <see cref="Read(IReadOnlyList{ImageFile}, ImageSpec, ImageFolderOptions, Action{ImageFile, ImageDecodeException})"/>
    /// for images of the plan's input spec, each written into the batch through <paramref name="plan"/> (whose parameters
    /// are drawn from <paramref name="generator"/> for the N images read): images of the plan's output spec.
    /// </summary>
    /// <exception cref="ImageDecodeException">A file cannot be decoded, or its size differs from the spec's, and skipping is off.</exception>
    public static (Tensor Images, Tensor Labels) Read(
        IReadOnlyList<ImageFile> files,
        ImageFolderOptions options,
        Action<ImageFile, ImageDecodeException> report,
        PerImageCopyPlan plan,
        Generator? generator)
    {
        if (BoxDecodeApplies(plan, options.Decode))
        {
            return ReadBoxes(files, options, report, plan, generator);
        }

        int n = files.Count;
        var decoded = new DecodedImage?[n];
        var failures = new ImageDecodeException?[n];
        ParallelOptions parallel = Parallelism(options);
        Parallel.For(0, n, parallel, i => failures[i] = Attempt(files[i], () => decoded[i] = Decode(files[i], plan.Input, options.Decode)));

        int[] kept = ReportFailures(files, failures, options, report);
        PerImageCopyDraws draws = plan.Draw(kept.Length, generator);
        ImageSpec output = plan.Output;
        using var scope = NewDisposeScope();
        Tensor images = empty(new long[] { kept.Length, output.Channels, output.Height, output.Width }, output.DType);
        WithData(images, data => Parallel.For(0, kept.Length, parallel, j => plan.Write(decoded[kept[j]]!.Pixels, draws, j, data)));
        Tensor labels = tensor(kept.Select(i => (long)files[i].Label).ToArray(), ScalarType.Int64);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Whether each image can be decoded straight into its box of the batch (<see cref="JpegWindowDecoder"/>): RGB
    /// images of a shorter-side resize and a central crop, written as RGB.
    /// </summary>
    private static bool BoxDecodeApplies(PerImageCopyPlan plan, ImageDecodeOptions decode) =>
        decode is { Channels: 3, ShorterSide: not null, CenterCrop: int crop }
        && plan.Input.Channels == 3 && plan.Input.Height == crop && plan.Input.Width == crop && plan.Output.Channels == 3;

    /// <summary>
    /// The batch of <see cref="Read(IReadOnlyList{ImageFile}, ImageFolderOptions, Action{ImageFile, ImageDecodeException}, PerImageCopyPlan, Generator?)"/>
    /// with each image decoded into its box (only the rows and columns the box needs, for upright JPEGs; the whole image
    /// and <see cref="PerImageCopyPlan.Write"/> otherwise). The boxes are drawn for all files before decoding; when some
    /// cannot be read, the generator is put back, the boxes drawn again for the files read, and those decoded again,
    /// so that the batch and the generator's state are those of the decode-then-copy path.
    /// </summary>
    private static (Tensor Images, Tensor Labels) ReadBoxes(
        IReadOnlyList<ImageFile> files, ImageFolderOptions options, Action<ImageFile, ImageDecodeException> report, PerImageCopyPlan plan, Generator? generator)
    {
        int n = files.Count;
        ParallelOptions parallel = Parallelism(options);
        using Tensor? state = generator?.get_state();
        int[] all = Enumerable.Range(0, n).ToArray();
        (Tensor images, ImageDecodeException?[] failures) = DecodeBoxes(files, all, options, plan, generator, parallel);
        if (failures.Any(f => f is not null))
        {
            images.Dispose();
            int[] kept = ReportFailures(files, failures, options, report);
            if (generator is not null)
            {
                generator.set_state(state!);
            }

            (images, failures) = DecodeBoxes(files, kept, options, plan, generator, parallel);
            if (failures.FirstOrDefault(f => f is not null) is { } again)
            {
                images.Dispose();
                throw again; // a file that was read a moment ago cannot be read now
            }

            all = kept;
        }

        Tensor labels = tensor(all.Select(i => (long)files[i].Label).ToArray(), ScalarType.Int64);
        return (images, labels);
    }

    /// <summary>The files at <paramref name="indices"/> decoded into a new batch through the plan, with the failures by batch position.</summary>
    private static (Tensor Images, ImageDecodeException?[] Failures) DecodeBoxes(
        IReadOnlyList<ImageFile> files, int[] indices, ImageFolderOptions options, PerImageCopyPlan plan, Generator? generator, ParallelOptions parallel)
    {
        PerImageCopyDraws draws = plan.Draw(indices.Length, generator);
        ImageSpec output = plan.Output;
        var failures = new ImageDecodeException?[indices.Length];
        Tensor images = empty(new long[] { indices.Length, output.Channels, output.Height, output.Width }, output.DType);
        WithData(images, data => Parallel.For(
            0, indices.Length, parallel, j => failures[j] = Attempt(files[indices[j]], () => DecodeBox(files[indices[j]], options.Decode, plan, draws, j, data))));
        return (images, failures);
    }

    private static ParallelOptions Parallelism(ImageFolderOptions options) =>
        new() { MaxDegreeOfParallelism = options.DecodeThreads > 0 ? options.DecodeThreads : Environment.ProcessorCount };

    /// <summary>
    /// Runs <paramref name="decode"/> for <paramref name="file"/> and returns its failure, or null: any exception becomes
    /// an <see cref="ImageDecodeException"/> naming the file, collected per file so that Parallel.For never wraps a
    /// failure in an AggregateException.
    /// </summary>
    private static ImageDecodeException? Attempt(ImageFile file, Action decode)
    {
        try
        {
            decode();
            return null;
        }
        catch (ImageDecodeException e)
        {
            return e;
        }
        catch (Exception e)
        {
            return new ImageDecodeException(file.Path, ImageDecodeProblems.DecoderFailure(e), e);
        }
    }

    private static void DecodeBox(ImageFile file, ImageDecodeOptions decode, PerImageCopyPlan plan, PerImageCopyDraws draws, int index, IntPtr batch)
    {
        byte[] encoded = ImageFileReader.ReadAll(file.Path);
        (int top, int left, int height, int width) = plan.BoxOf(draws, index);
        int bytes = ImageSizeLimits.BufferBytes(height, width, 4);
        byte[] box = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            if (JpegWindowDecoder.TryDecode(encoded, decode, new PillowBilinear.Window(left, top, width, height), file.Path, box.AsSpan(0, bytes)))
            {
                plan.WriteBox(box.AsSpan(0, bytes), draws, index, batch);
                return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(box);
        }

        DecodedImage image = Checked(ImageDecoder.Decode(encoded, decode, file.Path), file, plan.Input);
        plan.Write(image.Pixels, draws, index, batch);
    }

    /// <summary>
    /// Throws the first failure when skipping is off, or when no file could be read (after reporting them all);
    /// otherwise reports the failures and returns the indices of the files read, in order.
    /// </summary>
    private static int[] ReportFailures(
        IReadOnlyList<ImageFile> files, ImageDecodeException?[] failures, ImageFolderOptions options, Action<ImageFile, ImageDecodeException> report)
    {
        int n = files.Count;
        ImageDecodeException? failure = failures.FirstOrDefault(f => f is not null);
        if (failure is not null && !options.SkipUnreadable)
        {
            throw failure;
        }

        if (n > 0 && failures.All(f => f is not null))
        {
            for (int i = 0; i < n; i++)
            {
                report(files[i], failures[i]!);
            }

            throw new ImageDecodeException(
                files[0].Path,
                $"no file of this batch of {n} could be read (this one: {failure!.Problem}); a batch needs at least one readable image, "
                + "so that a loader yields the batches it announces: remove the unreadable files (ImageFolder.Unreadable lists them)",
                failure);
        }

        for (int i = 0; i < n; i++)
        {
            if (failures[i] is { } e)
            {
                report(files[i], e);
            }
        }

        return Enumerable.Range(0, n).Where(i => failures[i] is null).ToArray();
    }

    /// <summary>Runs <paramref name="write"/> on the address of a contiguous float32 or uint8 tensor's data, kept alive meanwhile.</summary>
    private static void WithData(Tensor images, Action<IntPtr> write)
    {
        if (images.dtype == ScalarType.Float32)
        {
            using var floats = images.storage<float>();
            write(floats.data_ptr());
        }
        else
        {
            using var bytes = images.storage<byte>();
            write(bytes.data_ptr());
        }
    }

    private static DecodedImage Decode(ImageFile file, ImageSpec spec, ImageDecodeOptions decode) =>
        Checked(ImageDecoder.Decode(file.Path, decode), file, spec);

    private static DecodedImage Checked(DecodedImage image, ImageFile file, ImageSpec spec)
    {
        if (image.Channels != spec.Channels || image.Height != spec.Height || image.Width != spec.Width)
        {
            throw new ImageDecodeException(
                file.Path,
                isOtherSize: true,
                $"the image is {image.Channels} x {image.Height} x {image.Width} (C x H x W) after decoding but the batch's images are "
                + $"{spec.Channels} x {spec.Height} x {spec.Width} (the first readable image's); "
                + "set ImageDecodeOptions.ShorterSide and CenterCrop so that every image comes out at one size");
        }

        return image;
    }
}
