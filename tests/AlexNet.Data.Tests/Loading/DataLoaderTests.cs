using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using AlexNet.Data.Tests.Transforms;
using AlexNet.Tests.Shared;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Loading;

public class DataLoaderTests
{
    private static readonly ITransform Augment = ImageTransforms.Compose(
        ImageTransforms.RandomCrop(8, padding: 2), ImageTransforms.RandomHorizontalFlip(), ImageTransforms.ToFloat(),
        ImageTransforms.ColorJitter(0.3, 0.3, 0.3, 0.1), ImageTransforms.Normalize(new[] { 0.5f }, new[] { 0.25f }));

    private static DataLoaderOptions Options(int batchSize = 16, bool shuffle = true, bool dropLast = false, long seed = 1, bool prefetch = false) =>
        new() { BatchSize = batchSize, Shuffle = shuffle, DropLast = dropLast, Seed = seed, Prefetch = prefetch };

    private static long[] Labels(IEnumerable<Batch> batches)
    {
        var labels = new List<long>();
        foreach (Batch batch in batches)
        {
            using (batch)
            {
                labels.AddRange(batch.Labels.data<long>().ToArray());
            }
        }

        return labels.ToArray();
    }

    private static List<(Tensor Images, Tensor Labels)> Take(IEnumerable<Batch> batches)
    {
        var taken = new List<(Tensor, Tensor)>();
        foreach (Batch batch in batches)
        {
            taken.Add((batch.Images, batch.Labels));
        }

        return taken;
    }

    private static void ShouldBeSameBatches(List<(Tensor Images, Tensor Labels)> actual, List<(Tensor Images, Tensor Labels)> expected)
    {
        actual.Should().HaveCount(expected.Count);
        for (int i = 0; i < actual.Count; i++)
        {
            actual[i].Images.ShouldEqualExactly(expected[i].Images);
            actual[i].Labels.ShouldEqualExactly(expected[i].Labels);
        }
    }

    private static void DisposeAll(List<(Tensor Images, Tensor Labels)> batches)
    {
        foreach ((Tensor images, Tensor labels) in batches)
        {
            images.Dispose();
            labels.Dispose();
        }
    }

    [Fact]
    public void Every_image_is_seen_once_per_epoch_in_a_new_seeded_order_each_epoch()
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var loader = new DataLoader(dataset, Options());

        long[] epoch0 = Labels(loader.GetBatches(0));
        long[] epoch1 = Labels(loader.GetBatches(1));
        long[] epoch0Again = Labels(loader.GetBatches(0));

        epoch0.Order().Should().Equal(Enumerable.Range(0, 100).Select(i => (long)i));
        epoch1.Order().Should().Equal(Enumerable.Range(0, 100).Select(i => (long)i));
        epoch1.Should().NotEqual(epoch0);
        epoch0Again.Should().Equal(epoch0);
    }

    [Fact]
    public void Without_shuffle_the_images_come_in_dataset_order()
    {
        using var dataset = LoaderTestData.Indexed(40);
        using var loader = new DataLoader(dataset, Options(shuffle: false));

        Labels(loader.GetBatches(3)).Should().Equal(Enumerable.Range(0, 40).Select(i => (long)i));
    }

    [Fact]
    public void Another_seed_gives_another_order()
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var a = new DataLoader(dataset, Options(seed: 1));
        using var b = new DataLoader(dataset, Options(seed: 2));

        Labels(b.GetBatches(0)).Should().NotEqual(Labels(a.GetBatches(0)));
    }

    [Fact]
    public void The_last_batch_is_smaller_unless_drop_last_drops_it()
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var keep = new DataLoader(dataset, Options(batchSize: 32));
        using var drop = new DataLoader(dataset, Options(batchSize: 32, dropLast: true));

        keep.BatchesPerEpoch.Should().Be(4);
        keep.SamplesPerEpoch.Should().Be(100);
        drop.BatchesPerEpoch.Should().Be(3);
        drop.SamplesPerEpoch.Should().Be(96);
        var sizes = new List<long>();
        foreach (Batch batch in keep.GetBatches(0))
        {
            using (batch)
            {
                sizes.Add(batch.Count);
            }
        }

        sizes.Should().Equal(32, 32, 32, 4);
        Labels(drop.GetBatches(0)).Should().HaveCount(96);
    }

    [Fact]
    public void CountSamples_gives_each_batchs_size_without_reading_it_and_agrees_with_the_batches()
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var keep = new DataLoader(dataset, Options(batchSize: 32));
        using var drop = new DataLoader(dataset, Options(batchSize: 32, dropLast: true));
        IBatchSource source = keep;

        Enumerable.Range(0, keep.BatchesPerEpoch).Select(k => source.CountSamples(1, k)).Should().Equal(32, 32, 32, 4);
        Enumerable.Range(0, drop.BatchesPerEpoch).Select(k => drop.CountSamples(1, k)).Should().Equal(32, 32, 32);
        using Batch last = keep.GetBatch(1, 3);
        keep.CountSamples(1, 3).Should().Be(last.Count);
        keep.Invoking(l => l.CountSamples(0, 4)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resuming_at_batch_k_yields_exactly_the_tail_of_the_epoch_including_augmentation(bool prefetch)
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var loader = new DataLoader(dataset, Options(prefetch: prefetch), Augment);

        var whole = Take(loader.GetBatches(2));
        var tail = Take(loader.GetBatches(new TrainingPosition(2, 3)));

        ShouldBeSameBatches(tail, whole.Skip(3).ToList());
        using var single = loader.GetBatch(2, 5);
        single.Images.ShouldEqualExactly(whole[5].Images);
        DisposeAll(whole);
        DisposeAll(tail);
    }

    [Fact]
    public void Prefetching_yields_the_same_batches_as_loading_in_the_foreground()
    {
        using var dataset = LoaderTestData.Indexed(100);
        using var foreground = new DataLoader(dataset, Options(prefetch: false), Augment);
        using var background = new DataLoader(dataset, Options(prefetch: true), Augment);

        var expected = Take(foreground.GetBatches(1));
        var actual = Take(background.GetBatches(1));

        ShouldBeSameBatches(actual, expected);
        DisposeAll(expected);
        DisposeAll(actual);
    }

    [Fact]
    public void Images_of_one_batch_get_independent_augmentation()
    {
        using var dataset = LoaderTestData.Indexed(64);
        using var constant = new ImageDataset(full(new long[] { 64, 3, 8, 8 }, 100, dtype: ScalarType.Byte), dataset.Labels.clone(), dataset.Classes, "constant");
        var pipeline = ImageTransforms.Compose(ImageTransforms.ToFloat(), ImageTransforms.ColorJitter(brightness: 0.5));
        using var loader = new DataLoader(constant, Options(batchSize: 64), pipeline);

        using var batch = loader.GetBatch(0, 0);

        using var perImage = batch.Images.amax(new long[] { 1, 2, 3 });
        using var distinct = perImage.unique().Item1;
        distinct.shape[0].Should().Be(64);
    }

    [Fact]
    public void Batches_belong_to_the_consumer_and_survive_the_consumers_dispose_scopes()
    {
        using var dataset = LoaderTestData.Indexed(20);
        using var loader = new DataLoader(dataset, Options(batchSize: 10, prefetch: true), Augment);
        var kept = new List<Batch>();

        using (NewDisposeScope())
        {
            kept.AddRange(loader.GetBatches(0));
        }

        kept.Should().HaveCount(2).And.OnlyContain(b => !b.Images.IsInvalid && !b.Labels.IsInvalid);
        kept.ForEach(b => b.Dispose());
    }

    [Fact]
    public void Stopping_a_prefetching_enumeration_early_disposes_the_batch_prepared_ahead()
    {
        using var dataset = LoaderTestData.Indexed(100);
        var recorder = new RecordingTransform(ImageTransforms.ToFloat());
        using var loader = new DataLoader(dataset, Options(batchSize: 10, prefetch: true), recorder);
        var consumed = new List<Batch>();

        foreach (Batch batch in loader.GetBatches(0))
        {
            consumed.Add(batch);
            if (consumed.Count == 3)
            {
                break;
            }
        }

        Tensor[] produced = recorder.Outputs.ToArray();
        produced.Length.Should().BeInRange(3, 4, "at most one batch is prepared ahead");
        produced.Take(3).Should().OnlyContain(t => !t.IsInvalid, "the consumer owns what it received");
        produced.Skip(3).Should().OnlyContain(t => t.IsInvalid, "the loader disposes what it prepared but never handed over");
        consumed.ForEach(b => b.Dispose());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_failing_transform_surfaces_to_the_consumer_after_the_batches_made_before_it(bool prefetch)
    {
        using var dataset = LoaderTestData.Indexed(100);
        var recorder = new RecordingTransform(ImageTransforms.ToFloat(), failOnCall: 3);
        using var loader = new DataLoader(dataset, Options(batchSize: 10, prefetch: prefetch), recorder);
        var received = 0;

        var act = () =>
        {
            foreach (Batch batch in loader.GetBatches(0))
            {
                batch.Dispose();
                received++;
            }
        };

        act.Should().Throw<InvalidOperationException>().WithMessage("transform failed on call 3");
        received.Should().Be(2);
    }

    [Fact]
    public void Invalid_options_fail_with_messages_naming_the_option_and_value()
    {
        using var dataset = LoaderTestData.Indexed(10);

        var act = () => new DataLoader(dataset, new DataLoaderOptions { BatchSize = 0, Device = "gpu" });

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().BeEquivalentTo(
                "DataLoaderOptions.BatchSize must be at least 1; got 0.",
                "DataLoaderOptions.Device must be \"auto\", \"cpu\", \"cuda\" or \"cuda:N\" (N = GPU index); got \"gpu\".");
    }

    [Fact]
    public void A_pipeline_that_does_not_fit_the_dataset_fails_when_the_loader_is_built()
    {
        using var dataset = LoaderTestData.Indexed(10);

        var act = () => new DataLoader(dataset, Options(), StandardPipelines.CifarBatchNormTrain());

        act.Should().Throw<ArgumentException>().WithParameterName("size").WithMessage("RandomCrop: the crop 32x32 is larger than the padded image 16x16*");
    }

    [Fact]
    public void A_dataset_smaller_than_one_batch_with_drop_last_is_rejected()
    {
        using var dataset = LoaderTestData.Indexed(10);

        var act = () => new DataLoader(dataset, Options(batchSize: 16, dropLast: true));

        act.Should().Throw<ArgumentException>().WithMessage("indexed: 10 images make no batch of 16*");
    }

    [Fact]
    public void A_start_batch_past_the_epoch_is_rejected_when_asked_not_when_enumerated()
    {
        using var dataset = LoaderTestData.Indexed(10);
        using var loader = new DataLoader(dataset, Options(batchSize: 4));

        var act = () => loader.GetBatches(0, 4);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("startBatch");
        loader.GetBatches(0, 3).Should().BeEmpty("the end of an epoch is a valid resume point");
    }

    [Fact]
    public void A_training_position_resumes_its_epoch_at_its_batch_and_a_negative_one_is_rejected()
    {
        using var dataset = LoaderTestData.Indexed(40);
        using var loader = new DataLoader(dataset, Options(batchSize: 10));

        Labels(loader.GetBatches(new TrainingPosition(4, 2))).Should().Equal(Labels(loader.GetBatches(4)).Skip(20));
        ((Action)(() => loader.GetBatches(new TrainingPosition(-1, 0)))).Should().Throw<ArgumentOutOfRangeException>();
        ((Action)(() => loader.GetBatches(new TrainingPosition(0, -1)))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_epoch_order_is_the_order_the_batches_visit()
    {
        using var dataset = LoaderTestData.Indexed(50);
        using var loader = new DataLoader(dataset, Options(batchSize: 16));

        Labels(loader.GetBatches(2)).Should().Equal(loader.EpochOrder(2));
    }

    [Fact]
    public void Ranks_share_an_epoch_in_disjoint_shards_of_equal_size()
    {
        using var dataset = LoaderTestData.Indexed(100);
        var shards = Enumerable.Range(0, 4)
            .Select(rank =>
            {
                var options = Options(batchSize: 10);
                options.Rank = rank;
                options.WorldSize = 4;
                using var loader = new DataLoader(dataset, options);
                loader.SamplesPerEpoch.Should().Be(25);
                loader.BatchesPerEpoch.Should().Be(3);
                return Labels(loader.GetBatches(1));
            })
            .ToArray();

        shards.SelectMany(s => s).Order().Should().Equal(Enumerable.Range(0, 100).Select(i => (long)i));
    }

    [Fact]
    public void Rank_and_world_size_outside_their_ranges_are_rejected_naming_the_option()
    {
        using var dataset = LoaderTestData.Indexed(10);

        var act = () => new DataLoader(dataset, new DataLoaderOptions { Rank = 2, WorldSize = 2 });
        var none = () => new DataLoader(dataset, new DataLoaderOptions { WorldSize = 0 });

        act.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Equal("DataLoaderOptions.Rank must be in [0, WorldSize - 1] (WorldSize 2); got 2.");
        none.Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain("DataLoaderOptions.WorldSize must be at least 1; got 0.");
    }

    [Fact]
    public void Prefetch_is_off_by_default_on_the_cpu_and_on_when_asked()
    {
        using var dataset = LoaderTestData.Indexed(10);
        using var byDefault = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 5 });
        using var asked = new DataLoader(dataset, new DataLoaderOptions { BatchSize = 5, Prefetch = true });

        byDefault.Prefetches.Should().BeFalse("on the CPU a training step already uses every core");
        asked.Prefetches.Should().BeTrue();
    }

    [Fact]
    public void The_options_copy_is_taken_at_construction()
    {
        using var dataset = LoaderTestData.Indexed(10);
        var options = Options(batchSize: 5);
        using var loader = new DataLoader(dataset, options);

        options.BatchSize = 2;

        loader.BatchesPerEpoch.Should().Be(2);
    }

    [Fact]
    public void Auto_delivers_on_the_device_the_trainer_would_pick()
    {
        using var dataset = LoaderTestData.Indexed(10);
        var options = Options(batchSize: 5);
        options.Device = "auto";

        using var loader = new DataLoader(dataset, options);

        loader.Device.type.Should().Be(cuda.is_available() ? TorchSharp.DeviceType.CUDA : TorchSharp.DeviceType.CPU);
    }

    [CudaFact]
    public void The_same_seed_gives_the_same_batches_on_the_gpu_as_on_the_cpu()
    {
        using var dataset = LoaderTestData.Indexed(64);
        var pipeline = ImageTransforms.Compose(
            ImageTransforms.RandomCrop(8, padding: 2), ImageTransforms.RandomHorizontalFlip(), ImageTransforms.ToFloat(), ImageTransforms.RandomGrayscale(0.5));
        using var cpu = new DataLoader(dataset, Options(prefetch: true), pipeline);
        var gpuOptions = Options(prefetch: true);
        gpuOptions.Device = "cuda";
        gpuOptions.DatasetOnDevice = true;
        using var gpu = new DataLoader(dataset, gpuOptions, pipeline);

        var expected = Take(cpu.GetBatches(0));
        var actual = Take(gpu.GetBatches(0)).Select(b => (b.Images.cpu(), b.Labels.cpu())).ToList();

        ShouldBeSameBatches(actual, expected);
    }
}
