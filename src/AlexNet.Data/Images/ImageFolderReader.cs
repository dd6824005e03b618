using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
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
        IReadOnlyList<ImageFile> files, ImageSpec spec, ImageFolderOptions options, Action<ImageFile, ImageDecodeException> report)
    {
        int n = files.Count;
        long imageBytes = spec.Channels * spec.Height * spec.Width;
        var ok = new bool[n];
        var failures = new ImageDecodeException?[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.DecodeThreads > 0 ? options.DecodeThreads : Environment.ProcessorCount };
        using var scope = NewDisposeScope();
        Tensor images = empty(new long[] { n, spec.Channels, spec.Height, spec.Width }, ScalarType.Byte);
        using (var storage = images.storage<byte>())
        {
            IntPtr data = storage.data_ptr();
            Parallel.For(0, n, parallel, i =>
            {
                try
                {
                    DecodedImage image = Decode(files[i], spec, options.Decode);
                    Marshal.Copy(image.Pixels, 0, data + (nint)(i * imageBytes), image.Pixels.Length);
                    ok[i] = true;
                }
                catch (ImageDecodeException e)
                {
                    failures[i] = e;
                }
                catch (Exception e)
                {
                    // Collected per file, so Parallel.For never wraps a failure in AggregateException.
                    failures[i] = new ImageDecodeException(files[i].Path, ImageDecodeProblems.DecoderFailure(e), e);
                }
            });
        }

        ImageDecodeException? failure = failures.FirstOrDefault(f => f is not null);
        if (failure is not null && !options.SkipUnreadable)
        {
            throw failure;
        }

        if (n > 0 && !ok.Any(k => k))
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

        Tensor labels = tensor(files.Select(f => (long)f.Label).ToArray(), ScalarType.Int64);
        if (failure is not null)
        {
            for (int i = 0; i < n; i++)
            {
                if (failures[i] is { } e)
                {
                    report(files[i], e);
                }
            }

            Tensor keep = tensor(Enumerable.Range(0, n).Where(i => ok[i]).Select(i => (long)i).ToArray(), ScalarType.Int64);
            images = images.index_select(0, keep);
            labels = labels.index_select(0, keep);
        }

        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    private static DecodedImage Decode(ImageFile file, ImageSpec spec, ImageDecodeOptions decode)
    {
        DecodedImage image = ImageDecoder.Decode(file.Path, decode);
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
