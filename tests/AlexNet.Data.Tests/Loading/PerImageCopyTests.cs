using System;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using SkiaSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

/// <summary>
/// The loader over an image folder does a pipeline's leading RandomCrop, RandomHorizontalFlip, ToFloat and Normalize per
/// image while copying the decoded images into the batch: its batches are bitwise those of the whole pipeline applied to
/// the decoded batch (the same pipeline hidden behind a wrapper the loader cannot see into).
/// </summary>
public sealed class PerImageCopyTests : IDisposable
{
    private static readonly float[] ImageNetMean = { 0.485f, 0.456f, 0.406f };
    private static readonly float[] ImageNetStd = { 0.229f, 0.224f, 0.225f };

    private readonly TempDirectory _dir = new();

    public PerImageCopyTests()
    {
        var random = new Random(23);
        for (int i = 0; i < 45; i++)
        {
            string folder = _dir.File($"class{i % 3}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.jpg"), NoiseJpeg(random, random.Next(40, 71), random.Next(40, 71)));
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Crop_flip_to_float_and_normalize_done_per_image_give_the_batches_of_the_whole_pipeline_bitwise()
    {
        var pipeline = new Compose(new RandomCrop(32), new RandomHorizontalFlip(0.5), new ToFloat(), new Normalize(ImageNetMean, ImageNetStd));

        AssertSameBatches(Scan(skipUnreadable: false), pipeline, expectCopy: true);
    }

    [Fact]
    public void The_rest_of_the_pipeline_draws_from_the_generator_in_the_state_the_whole_pipeline_leaves_it()
    {
        var pipeline = new Compose(
            new RandomCrop(28), new RandomHorizontalFlip(0.5), new ToFloat(), new Normalize(new[] { 0.5f }, new[] { 0.25f }),
            new RandomErasing(1.0, null, null, null));

        AssertSameBatches(Scan(skipUnreadable: false), pipeline, expectCopy: true);
    }

    [Fact]
    public void A_pipeline_of_uint8_crop_and_flip_alone_is_copied_per_image_as_uint8()
    {
        var pipeline = new Compose(new RandomCrop(new ImageSize(24, 36)), new RandomHorizontalFlip(0.7));

        AssertSameBatches(Scan(skipUnreadable: false), pipeline, expectCopy: true);
    }

    [Fact]
    public void Unreadable_files_left_out_of_a_batch_change_the_draws_as_they_change_them_for_the_whole_pipeline()
    {
        File.WriteAllText(_dir.File(Path.Combine("class1", "broken.jpg")), "not a picture");
        var pipeline = new Compose(new RandomCrop(32), new RandomHorizontalFlip(0.5), new ToFloat(), new Normalize(ImageNetMean, ImageNetStd));

        ImageFolder dataset = Scan(skipUnreadable: true);
        AssertSameBatches(dataset, pipeline, expectCopy: true);

        dataset.Unreadable.Select(u => Path.GetFileName(u.Path)).Should().Equal("broken.jpg");
    }

    [Fact]
    public void Larger_JPEGs_decoded_box_by_box_with_a_truncated_one_give_the_batches_of_the_whole_pipeline_bitwise()
    {
        using var dir = new TempDirectory();
        var random = new Random(5);
        for (int i = 0; i < 20; i++)
        {
            string folder = dir.File($"class{i % 2}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{i:D3}.jpg"), NoiseJpeg(random, random.Next(150, 260), random.Next(110, 200)));
        }

        byte[] whole = NoiseJpeg(random, 200, 150);
        File.WriteAllBytes(dir.File(Path.Combine("class0", "cut.jpg")), whole[..(whole.Length / 2)]);
        var pipeline = new Compose(new RandomCrop(64), new RandomHorizontalFlip(0.5), new ToFloat(), new Normalize(ImageNetMean, ImageNetStd));
        foreach (bool scaled in new[] { false, true })
        {
            var dataset = ImageFolder.Scan(
                dir.Path,
                new ImageFolderOptions { SkipUnreadable = true, Decode = new ImageDecodeOptions { ShorterSide = 96, CenterCrop = 96, ScaledJpegDecode = scaled } });

            AssertSameBatches(dataset, pipeline, expectCopy: true);

            dataset.Unreadable.Select(u => Path.GetFileName(u.Path)).Should().Equal("cut.jpg");
        }
    }

    [Fact]
    public void A_padded_crop_or_a_pipeline_that_starts_elsewhere_is_applied_to_the_batch_as_before()
    {
        ImageFolder dataset = Scan(skipUnreadable: false);
        var padded = new Compose(new RandomCrop(40, padding: 4), new ToFloat());
        var centreFirst = new Compose(new CenterCrop(36), new RandomCrop(32), new ToFloat());

        AssertSameBatches(dataset, padded, expectCopy: false);
        AssertSameBatches(dataset, centreFirst, expectCopy: false);
    }

    [Fact]
    public void The_float_table_equals_ToFloat_then_Normalize_on_every_uint8_value()
    {
        using Tensor values = arange(256, ScalarType.Int64).to(ScalarType.Byte).view(1, 1, 1, 256).expand(1, 3, 1, 256).contiguous();
        using var generator = new Generator(1);
        using Tensor expected = new Compose(new ToFloat(), new Normalize(ImageNetMean, ImageNetStd)).Apply(values, generator);
        PerImageCopyPlan plan = PerImageCopyPlan.TryCreate(new Compose(new ToFloat(), new Normalize(ImageNetMean, ImageNetStd)), ImageSpec.Of(values))!;
        using Tensor written = empty(new long[] { 1, 3, 1, 256 }, ScalarType.Float32);
        using (var storage = written.storage<float>())
        {
            plan.Write(values.data<byte>().ToArray(), plan.Draw(1, generator), 0, storage.data_ptr());
        }

        written.eq(expected).all().item<bool>().Should().BeTrue("every uint8 value maps to the float32 the two transforms compute");
    }

    private static void AssertSameBatches(ImageFolder dataset, ITransform pipeline, bool expectCopy)
    {
        var options = new DataLoaderOptions { BatchSize = 16, Shuffle = true, Seed = 7, DropLast = false };
        using var perImage = new DataLoader(dataset, options, pipeline);
        using var whole = new DataLoader(dataset, options, new Opaque(pipeline));
        perImage.CopiesPerImage.Should().Be(expectCopy);
        whole.CopiesPerImage.Should().BeFalse();
        perImage.OutputSpec.Should().Be(whole.OutputSpec);
        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach ((Batch a, Batch b) in perImage.GetBatches(epoch).Zip(whole.GetBatches(epoch)))
            {
                using (a)
                using (b)
                {
                    a.Images.shape.Should().Equal(b.Images.shape);
                    a.Images.dtype.Should().Be(b.Images.dtype);
                    a.Images.eq(b.Images).all().item<bool>().Should().BeTrue($"epoch {epoch}: the per-image copy must be bitwise the pipeline's result");
                    a.Labels.eq(b.Labels).all().item<bool>().Should().BeTrue();
                }
            }
        }
    }

    private ImageFolder Scan(bool skipUnreadable) => ImageFolder.Scan(
        _dir.Path,
        new ImageFolderOptions { SkipUnreadable = skipUnreadable, Decode = new ImageDecodeOptions { ShorterSide = 40, CenterCrop = 40 } });

    private static byte[] NoiseJpeg(Random random, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)((x * 5) + random.Next(40)), (byte)((y * 3) + random.Next(60))));
            }
        }

        using SKData data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The pipeline behind an interface the loader cannot look into, so that it is applied to the whole batch.</summary>
    private sealed class Opaque : ITransform
    {
        private readonly ITransform _inner;

        public Opaque(ITransform inner) => _inner = inner;

        public Tensor Apply(Tensor images, Generator generator) => _inner.Apply(images, generator);

        public ImageSpec GetOutputSpec(ImageSpec input) => _inner.GetOutputSpec(input);
    }
}
