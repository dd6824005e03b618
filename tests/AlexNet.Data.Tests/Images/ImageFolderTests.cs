using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>The folder dataset on real Fashion-MNIST images written as PNG and JPEG files.</summary>
public sealed class ImageFolderTests : IClassFixture<FashionMnistImageFolders>
{
    private static readonly ImageFolderOptions Gray = new() { Decode = new ImageDecodeOptions { Channels = 1 } };

    private readonly FashionMnistImageFolders _folders;

    public ImageFolderTests(FashionMnistImageFolders folders) => _folders = folders;

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();

    [Fact]
    public void Scan_finds_the_class_folders_sorted_by_name_and_every_image_with_its_label()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);

        dataset.Classes.Should().Equal(FashionMnist.Classes.Select(FashionMnistImageFolders.Folder).OrderBy(c => c, StringComparer.Ordinal));
        dataset.Count.Should().Be(10 * FashionMnistImageFolders.PerClass);
        long[] idxLabels = _folders.Idx.Labels.data<long>().ToArray();
        foreach (ImageFile file in dataset.Files)
        {
            string folderClass = dataset.Classes[file.Label];
            folderClass.Should().Be(FashionMnistImageFolders.Folder(FashionMnist.Classes[(int)idxLabels[FashionMnistImageFolders.IndexOf(file.Path)]]));
        }
    }

    [Fact]
    public void Png_files_load_into_memory_with_exactly_the_IDX_pixels()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);
        using ImageDataset loaded = dataset.LoadIntoMemory(memoryBudgetBytes: 1 << 20);

        loaded.Images.shape.Should().Equal(1000, 1, 28, 28);
        using var index = tensor(dataset.Files.Select(f => (long)FashionMnistImageFolders.IndexOf(f.Path)).ToArray());
        using var expected = _folders.Idx.Images.index_select(0, index);
        Same(loaded.Images, expected).Should().BeTrue();
    }

    [Fact]
    public void Png_files_streamed_batch_by_batch_give_exactly_the_IDX_pixels_in_the_epoch_order()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);
        var loader = new ImageFolderLoader(dataset, new DataLoaderOptions { BatchSize = 96, Shuffle = true, Seed = 5 });
        int[] order = loader.EpochOrder(1);
        long[] idxLabels = _folders.Idx.Labels.data<long>().ToArray();

        int seen = 0;
        foreach (Batch batch in loader.GetBatches(1))
        {
            using (batch)
            {
                long n = batch.Images.shape[0];
                using var index = tensor(order.Skip(seen).Take((int)n).Select(i => (long)FashionMnistImageFolders.IndexOf(dataset.Files[i].Path)).ToArray());
                using var expected = _folders.Idx.Images.index_select(0, index);
                Same(batch.Images, expected).Should().BeTrue();
                batch.Labels.data<long>().ToArray().Should().Equal(order.Skip(seen).Take((int)n).Select(i => (long)dataset.Files[i].Label));
                seen += (int)n;
            }
        }

        seen.Should().Be(1000);
        loader.BatchesPerEpoch.Should().Be(11);
        loader.Prefetches.Should().BeTrue();
    }

    [Fact]
    public void Jpeg_files_decode_within_JPEG_error_of_the_IDX_pixels()
    {
        var dataset = ImageFolder.Scan(_folders.JpegRoot, Gray);
        using ImageDataset loaded = dataset.LoadIntoMemory(1 << 20);
        using var index = tensor(dataset.Files.Select(f => (long)FashionMnistImageFolders.IndexOf(f.Path)).ToArray());
        using var expected = _folders.Idx.Images.index_select(0, index).to(ScalarType.Float32);

        double meanError = (loaded.Images.to(ScalarType.Float32) - expected).abs().mean().item<float>();
        meanError.Should().BeGreaterThan(0).And.BeLessThan(3.0, "quality-95 JPEG stays within a few levels on average");
    }

    [Fact]
    public void The_streamed_and_the_in_memory_paths_give_the_same_batches_through_the_same_pipeline()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, new ImageFolderOptions { Decode = new ImageDecodeOptions { Channels = 3, ShorterSide = 32, CenterCrop = 32 } });
        var options = new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 11 };
        var pipeline = ImageTransforms.Compose(
            ImageTransforms.RandomCrop(28), ImageTransforms.RandomHorizontalFlip(0.5), ImageTransforms.ToFloat(),
            ImageTransforms.Normalize(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.25f, 0.25f, 0.25f }));
        using ImageDataset cached = dataset.LoadIntoMemory(1 << 24);
        using var memoryLoader = new DataLoader(cached, options, pipeline);
        var streamLoader = new ImageFolderLoader(dataset, options, pipeline);

        streamLoader.OutputSpec.Should().Be(new ImageSpec(ScalarType.Float32, 3, 28, 28));
        using Batch streamed = streamLoader.GetBatch(2, 3);
        using Batch inMemory = memoryLoader.GetBatch(2, 3);
        Same(streamed.Images, inMemory.Images).Should().BeTrue();
        Same(streamed.Labels, inMemory.Labels).Should().BeTrue();
    }

    [Fact]
    public void A_gray_image_decoded_as_RGB_has_three_equal_channels()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot);
        using Tensor image = dataset.DecodeImage(0);
        using Tensor gray = ImageFolder.Scan(_folders.PngRoot, Gray).DecodeImage(0);

        image.shape.Should().Equal(3, 28, 28);
        Same(image[0], gray[0]).Should().BeTrue();
        Same(image[1], gray[0]).Should().BeTrue();
        Same(image[2], gray[0]).Should().BeTrue();
    }

    [Fact]
    public void Split_is_seeded_and_stratified_and_keeps_every_file_once()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);
        var (train, validation) = dataset.Split(0.2, seed: 3);
        var (train2, validation2) = dataset.Split(0.2, seed: 3);
        var (_, other) = dataset.Split(0.2, seed: 4);

        validation.Count.Should().Be(200);
        train.Count.Should().Be(800);
        validation.Files.GroupBy(f => f.Label).Select(g => g.Count()).Should().AllBeEquivalentTo(20);
        train.Files.Concat(validation.Files).Select(f => f.Path).Should().BeEquivalentTo(dataset.Files.Select(f => f.Path));
        validation2.Files.Should().Equal(validation.Files);
        train2.Files.Should().Equal(train.Files);
        other.Files.Should().NotEqual(validation.Files);
    }

    [Fact]
    public void An_explicit_class_list_sets_the_labels_and_leaves_other_folders_out()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, new ImageFolderOptions { Classes = new List<string> { "Trouser", "Bag" } });

        dataset.Classes.Should().Equal("Trouser", "Bag");
        dataset.Count.Should().Be(200);
        dataset.Files.Where(f => f.Label == 0).Should().OnlyContain(f => f.Path.Contains("/Trouser/"));
        dataset.Files.Where(f => f.Label == 1).Should().OnlyContain(f => f.Path.Contains("/Bag/"));
    }

    [Fact]
    public void A_memory_budget_too_small_for_the_decoded_folder_is_refused_before_decoding()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);

        dataset.DecodedBytes().Should().Be(1000 * 784);
        var act = () => dataset.LoadIntoMemory(1000 * 784 - 1);
        act.Should().Throw<InsufficientMemoryException>().WithMessage("*784,000 bytes*ImageFolderLoader*");
    }

    [Fact]
    public void A_missing_folder_or_class_is_a_dataset_not_found_error()
    {
        var missing = () => ImageFolder.Scan(Path.Combine(_folders.PngRoot, "nope"));
        var missingClass = () => ImageFolder.Scan(_folders.PngRoot, new ImageFolderOptions { Classes = new List<string> { "Bag", "Hat" } });

        missing.Should().Throw<DatasetNotFoundException>();
        missingClass.Should().Throw<DatasetNotFoundException>().Which.FilesLookedFor.Should().Equal("Hat/");
    }
}
