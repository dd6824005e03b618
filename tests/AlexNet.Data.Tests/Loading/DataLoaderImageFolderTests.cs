using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Tests.Images;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

/// <summary>The <see cref="DataLoader"/> over an <see cref="ImageFolder"/>: real Fashion-MNIST images written as PNG files, decoded batch by batch.</summary>
public sealed class DataLoaderImageFolderTests : IClassFixture<FashionMnistImageFolders>
{
    private static readonly ImageFolderOptions Gray = new() { Decode = new ImageDecodeOptions { Channels = 1 } };

    private readonly FashionMnistImageFolders _folders;

    public DataLoaderImageFolderTests(FashionMnistImageFolders folders) => _folders = folders;

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.dtype == b.dtype && a.eq(b).all().item<bool>();

    [Fact]
    public void Png_files_streamed_batch_by_batch_give_exactly_the_IDX_pixels_in_the_epoch_order()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, Gray);
        using var loader = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 96, Shuffle = true, Seed = 5 });
        long[] order = loader.EpochOrder(1);
        long[] idxLabels = _folders.Idx.Labels.data<long>().ToArray();

        int seen = 0;
        foreach (Batch batch in loader.GetBatches(1))
        {
            using (batch)
            {
                long n = batch.Images.shape[0];
                using var index = tensor(order.Skip(seen).Take((int)n).Select(i => (long)FashionMnistImageFolders.IndexOf(dataset.Files[(int)i].Path)).ToArray());
                using var expected = _folders.Idx.Images.index_select(0, index);
                Same(batch.Images, expected).Should().BeTrue();
                batch.Labels.data<long>().ToArray().Should().Equal(order.Skip(seen).Take((int)n).Select(i => (long)dataset.Files[(int)i].Label));
                seen += (int)n;
            }
        }

        seen.Should().Be(1000);
        loader.BatchesPerEpoch.Should().Be(11);
        loader.Prefetches.Should().BeTrue("a dataset read from storage decodes on a background thread by default");
    }

    [Fact]
    public void The_streamed_and_the_in_memory_paths_give_the_same_batches_through_the_same_pipeline()
    {
        var dataset = ImageFolder.Scan(_folders.PngRoot, new ImageFolderOptions { Decode = new ImageDecodeOptions { Channels = 3, ShorterSide = 32, CenterCrop = 32 } });
        var options = new DataLoaderOptions { BatchSize = 64, Shuffle = true, Seed = 11 };
        var pipeline = new Compose(new RandomCrop(28), new RandomHorizontalFlip(0.5), new ToFloat(), new Normalize(new[] { 0.5f, 0.5f, 0.5f }, new[] { 0.25f, 0.25f, 0.25f }));
        using ImageDataset cached = dataset.LoadIntoMemory(1 << 24);
        using var memoryLoader = new DataLoader(cached, options, pipeline);
        using var streamLoader = new DataLoader(dataset, options, pipeline);

        streamLoader.OutputSpec.Should().Be(new ImageSpec(ScalarType.Float32, 3, 28, 28));
        using Batch streamed = streamLoader.GetBatch(2, 3);
        using Batch inMemory = memoryLoader.GetBatch(2, 3);
        Same(streamed.Images, inMemory.Images).Should().BeTrue();
        Same(streamed.Labels, inMemory.Labels).Should().BeTrue();
    }
}
