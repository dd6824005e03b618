using System;
using System.Collections.Generic;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Datasets;

public sealed class ChannelStatsTests
{
    [Fact]
    public void Black_and_white_halves_have_mean_one_half_and_std_one_half()
    {
        using Tensor images = cat(new List<Tensor> { zeros(2, 1, 4, 4, dtype: ScalarType.Byte), full(2, 1, 4, 4, 255, dtype: ScalarType.Byte) }, 0);

        ChannelStats stats = ChannelStats.Compute(images);

        stats.Mean.Should().Equal(0.5);
        stats.Std.Should().Equal(0.5);
        stats.PixelsPerChannel.Should().Be(64);
    }

    [Fact]
    public void Cifar_format_data_matches_an_independent_float64_reference_per_channel()
    {
        using var temp = new TempDirectory();
        byte[] records = CifarFiles.RandomRecords(seed: 11, count: 300, 10);
        // Give the channels different distributions so a channel mix-up cannot pass.
        for (int r = 0; r < 300; r++)
        {
            for (int p = 0; p < 1024; p++)
            {
                int red = (r * 3073) + 1 + p;
                records[red] = (byte)(records[red] / 2);
                records[red + 2048] = (byte)(255 - (records[red + 2048] / 4));
            }
        }

        string folder = CifarFiles.WriteFolder(temp.Path, Cifar10.FolderName, new Dictionary<string, byte[]> { ["test_batch.bin"] = records });
        using ImageDataset dataset = Cifar10.LoadFolder(folder, DatasetSplit.Test);

        ChannelStats stats = ChannelStats.Compute(dataset);

        (double[] mean, double[] std) = Reference(records, 300);
        stats.PixelsPerChannel.Should().Be(300 * 1024);
        for (int c = 0; c < 3; c++)
        {
            stats.Mean[c].Should().BeApproximately(mean[c], 1e-15);
            stats.Std[c].Should().BeApproximately(std[c], 1e-12); // the reference's own float64 summation error
        }

        stats.Mean[0].Should().BeLessThan(stats.Mean[1]).And.BeLessThan(0.3);
        stats.Mean[2].Should().BeGreaterThan(0.8);
    }

    [Fact]
    public void Images_that_are_not_uint8_n_c_h_w_are_rejected()
    {
        using Tensor floats = zeros(1, 3, 2, 2);
        var act = () => ChannelStats.Compute(floats);

        act.Should().Throw<ArgumentException>().WithMessage("images must be a uint8 tensor N x C x H x W; got Float32 [1, 3, 2, 2].*");
    }

    /// <summary>Mean from an integer sum, population std by a second float64 pass, straight from the record bytes.</summary>
    private static (double[] Mean, double[] Std) Reference(byte[] records, int count)
    {
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++)
        {
            long sum = 0;
            for (int r = 0; r < count; r++)
            {
                for (int p = 0; p < 1024; p++)
                {
                    sum += records[(r * 3073) + 1 + (c * 1024) + p];
                }
            }

            mean[c] = sum / 255.0 / (count * 1024.0);
            double squares = 0;
            for (int r = 0; r < count; r++)
            {
                for (int p = 0; p < 1024; p++)
                {
                    double d = (records[(r * 3073) + 1 + (c * 1024) + p] / 255.0) - mean[c];
                    squares += d * d;
                }
            }

            std[c] = Math.Sqrt(squares / (count * 1024.0));
        }

        return (mean, std);
    }
}
