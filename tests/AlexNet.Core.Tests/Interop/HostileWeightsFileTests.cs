using System;
using System.IO;
using System.Linq;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Small hostile files that crashed the process or took gigabytes (issue 21): each now ends in a typed error, or a view,
/// in a child process whose peak resident memory stays under 1 GB.
/// </summary>
public class HostileWeightsFileTests
{
    private const long OneGigabyte = 1L << 30;

    [Fact]
    public void A_legacy_pickle_nesting_dicts_50000_deep_is_refused_without_a_stack_overflow()
    {
        using var dir = new TempDirectory();
        string path = dir.File("deep.pth");
        File.WriteAllBytes(path, HostileFiles.Legacy(HostileFiles.NestedDicts(50_000)));

        var probe = WeightsProbe.Run("load", path);

        probe.ExitCode.Should().Be(0, probe.Output);
        probe.Outcome.Should().Be($"WeightsFileException: {path}: state dict pickle: the value of 'a' is a dict, not a tensor "
            + "(for a checkpoint whose state dict is under a key, set WeightLoadOptions.StateDictKey)");
        probe.PeakBytes.Should().BeInRange(1, OneGigabyte);
    }

    [Theory]
    [InlineData("load", "StateDictMismatchException: *2 unexpected (not in the model): view.a; view.b.")]
    [InlineData("read", "ok 2")]
    public void Two_stride_zero_views_of_a_four_byte_storage_are_never_copied_out(string mode, string outcome)
    {
        using var dir = new TempDirectory();
        string path = dir.File("views.pth");
        long[] size = { 16384, 16384 }, stride = { 0, 0 };
        HostileFiles.Zip(path, HostileFiles.StateDictPickle(
            new PickledTensor("view.a", "0", 1, 0, size, stride), new PickledTensor("view.b", "0", 1, 0, size, stride)), new[] { ("0", new byte[4]) });

        var probe = WeightsProbe.Run(mode, path);

        probe.Outcome.Should().Match(outcome, probe.Output);
        probe.PeakBytes.Should().BeInRange(1, OneGigabyte);
    }

    [Fact]
    public void A_storage_entry_declaring_one_and_a_half_gigabytes_is_not_inflated_when_the_model_cannot_take_it()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bomb.pth");
        const long Count = 375_000_000; // 1.5 GB of float32
        HostileFiles.Zip(path, HostileFiles.StateDictPickle(new PickledTensor("features.0.weight", "0", Count, 0, new[] { Count }, new[] { 1L })),
            new[] { ("0", new byte[1 << 20]) }, deflate: true);
        HostileFiles.DeclareSize(path, "archive/data/0", (uint)(Count * 4));

        var probe = WeightsProbe.Run("load", path);

        probe.Outcome.Should().Match("StateDictMismatchException: *features.0.weight: file [375000000] Float32, model [64, 3, 11, 11] Float32*", probe.Output);
        probe.PeakBytes.Should().BeInRange(1, OneGigabyte);
    }

    [Fact]
    public void A_pickle_of_ten_million_none_opcodes_stops_at_the_object_cap()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nones.pth");
        byte[] pickle = new byte[10_000_003];
        pickle[0] = 0x80;
        pickle[1] = 0x02;
        Array.Fill(pickle, (byte)'N', 2, 10_000_000);
        pickle[^1] = (byte)'.';
        HostileFiles.Zip(path, pickle, Array.Empty<(string, byte[])>(), deflate: true);
        new FileInfo(path).Length.Should().BeLessThan(100_000);

        var probe = WeightsProbe.Run("read", path);

        probe.Outcome.Should().Match("WeightsFileException: *archive/data.pkl: the pickle builds more than 8000000 objects*");
        probe.PeakBytes.Should().BeInRange(1, OneGigabyte);
    }

    [Fact]
    public void A_pickle_of_a_hundred_million_none_opcodes_is_refused_before_inflating()
    {
        using var dir = new TempDirectory();
        string path = dir.File("nones.pth");
        HostileFiles.Zip(path, new byte[] { 0x80, 0x02, (byte)'N', (byte)'.' }, Array.Empty<(string, byte[])>(), deflate: true);
        HostileFiles.DeclareSize(path, "archive/data.pkl", 100_000_003);

        FluentActions.Invoking(() => Core.Interop.AlexNetWeights.Read(path)).Should().Throw<Core.Interop.WeightsFileException>()
            .WithMessage($"{path}: archive/data.pkl: declares 100000003 bytes; at most 67108864 are read*");
    }

    [Fact]
    public void A_dict_of_100000_keys_is_read_in_linear_time()
    {
        using var dir = new TempDirectory();
        string path = dir.File("wide.pth");
        var p = new System.Collections.Generic.List<byte> { 0x80, 0x02, (byte)'}' };
        for (int batch = 0; batch < 100; batch++)
        {
            p.Add((byte)'(');
            for (int i = 0; i < 1000; i++)
            {
                HostileFiles.Text(p, $"key{(batch * 1000) + i}");
                p.Add((byte)'N');
            }

            p.Add((byte)'u');
        }

        p.Add((byte)'.');
        HostileFiles.Zip(path, p.ToArray(), Array.Empty<(string, byte[])>());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        FluentActions.Invoking(() => Core.Interop.AlexNetWeights.Read(path)).Should().Throw<Core.Interop.WeightsFileException>()
            .WithMessage("*the value of 'key0' is None, not a tensor*");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3), "setting a key is a hash lookup, not a scan of the keys before it");
    }
}
