using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// The shapes real PyTorch checkpoints come in (issue 21), written by PyTorch from a state dict this library saved
/// (tests/fixtures/interop/checkpoint_shapes.py): each loads as PyTorch users expect, or is refused with the remedy.
/// </summary>
public class RealCheckpointTests
{
    private static AlexNetModel Small() => AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 8 });

    /// <summary>A randomised model saved by this library, rewritten by PyTorch in <paramref name="mode"/>.</summary>
    private static (AlexNetModel Source, string Path) Made(TempDirectory dir, string mode)
    {
        AlexNetModel source = Small();
        InteropAssert.RandomiseBatchNorm(source);
        AlexNetWeights.Save(source, dir.File("source.pth"));
        PythonTorch.RunScript("checkpoint_shapes.py", mode, dir.File("source.pth"), dir.File(mode + ".pth"));
        return (source, dir.File(mode + ".pth"));
    }

    private static void ShouldEqual(AlexNetModel model, AlexNetModel source)
    {
        foreach (var (key, value) in source.state_dict())
        {
            InteropAssert.Same(model.state_dict()[key], value).Should().BeTrue(key);
        }
    }

    [PyTorchTheory]
    [InlineData("legacy2")]
    [InlineData("legacy4")]
    [InlineData("legacy5")]
    public void A_legacy_file_of_any_pickle_protocol_loads(string mode)
    {
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, mode);
        using var model = Small();

        WeightLoadResult result = AlexNetWeights.Load(model, path);

        ShouldEqual(model, source);
        result.Notes.Should().BeEmpty();
        source.Dispose();
    }

    [PyTorchFact]
    public void A_file_without_num_batches_tracked_loads_as_in_pytorch_with_the_counters_at_zero()
    {
        PythonTorch.RunScript("checkpoint_shapes.py", "check_bn").Should().Contain("version 2 without num_batches_tracked: refused");
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, "no_counter");
        using var model = Small();
        model.state_dict()["features.1.num_batches_tracked"].fill_(7);

        WeightLoadResult result = AlexNetWeights.Load(model, path);

        model.state_dict()["features.1.num_batches_tracked"].item<long>().Should().Be(0);
        InteropAssert.Same(model.state_dict()["features.1.running_var"], source.state_dict()["features.1.running_var"]).Should().BeTrue();
        result.Notes.Should().ContainSingle().Which.Should().Contain("features.1.num_batches_tracked").And.Contain("set to 0");
        source.Dispose();
    }

    [PyTorchFact]
    public void A_version_2_state_dict_without_num_batches_tracked_is_refused_as_pytorch_refuses_it()
    {
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, "no_counter_v2");
        using var model = Small();

        FluentActions.Invoking(() => AlexNetWeights.Load(model, path)).Should().Throw<StateDictMismatchException>()
            .Which.Missing.Should().Contain("features.1.num_batches_tracked");
        source.Dispose();
    }

    [PyTorchTheory]
    [InlineData("net")]
    [InlineData("numpy")]
    public void A_checkpoint_with_one_state_dict_loads_it_and_says_so(string mode)
    {
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, mode);
        using var model = Small();

        WeightLoadResult result = AlexNetWeights.Load(model, path);

        ShouldEqual(model, source);
        result.Notes.Should().ContainSingle().Which.Should().Contain("entry 'net'").And.Contain("'acc', 'epoch'");
        AlexNetWeights.Load(model, path, new WeightLoadOptions { StateDictKey = "net" }).Notes.Should().ContainSingle().Which.Should().Contain("StateDictKey");
        source.Dispose();
    }

    [PyTorchFact]
    public void A_checkpoint_with_two_state_dicts_is_refused_naming_the_option_then_loads_with_it()
    {
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, "two");
        using var model = Small();

        FluentActions.Invoking(() => AlexNetWeights.Load(model, path)).Should().Throw<WeightsFileException>()
            .WithMessage("*several dicts of tensors ('model', 'ema'): set WeightLoadOptions.StateDictKey to the one to load");
        AlexNetWeights.Load(model, path, new WeightLoadOptions { StateDictKey = "ema" });

        ShouldEqual(model, source);
        using var scope = NewDisposeScope();
        AlexNetWeights.Read(path, new WeightLoadOptions { StateDictKey = "model" }).Keys.Should().Equal(source.state_dict().Keys);
        source.Dispose();
    }

    [PyTorchFact]
    public void A_data_parallel_state_dict_loads_with_its_module_prefix_stripped_and_a_note()
    {
        using var dir = new TempDirectory();
        var (source, path) = Made(dir, "dataparallel");
        using var model = Small();

        WeightLoadResult result = AlexNetWeights.Load(model, path);

        ShouldEqual(model, source);
        result.Notes.Should().ContainSingle().Which.Should().Contain("'module.'").And.Contain("stripped");
        source.Dispose();
    }

    [Theory]
    [InlineData("features.0.weight", ScalarType.Int64,
        "features.0.weight: file [64, 3, 3, 3] Int64, model [64, 3, 3, 3] Float32 (only floating-point types are converted)")]
    [InlineData("features.1.num_batches_tracked", ScalarType.Float32,
        "features.1.num_batches_tracked: file [] Float32, model [] Int64 (only floating-point types are converted)")]
    public void Convert_dtype_converts_floating_point_types_only(string key, ScalarType type, string line)
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var source = Small();
        Dictionary<string, Tensor> state = source.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());
        state[key] = type == ScalarType.Float32 ? tensor(1234.9f) : state[key].to_type(type);
        AlexNetWeights.Write(dir.File("w.pth"), state);
        using var model = Small();
        var before = InteropAssert.Snapshot(model);

        FluentActions.Invoking(() => AlexNetWeights.Load(model, dir.File("w.pth"), new WeightLoadOptions { ConvertDtype = true }))
            .Should().Throw<StateDictMismatchException>().Which.MisShaped.Should().Equal(line);
        InteropAssert.Unchanged(model, before);
    }
}
