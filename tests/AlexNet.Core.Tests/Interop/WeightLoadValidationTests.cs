using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>Every key, shape and element type is checked before anything is copied; errors name them; a failed load changes nothing.</summary>
public class WeightLoadValidationTests
{
    private static AlexNetModel Small(int classes = 10, Variant variant = Variant.TorchVision) =>
        AlexNetFactory.Create(variant, classes, new AlexNetOptions { ClassifierWidth = 8 });

    private static Dictionary<string, Tensor> StateOf(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().clone());

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void A_wrong_shape_fails_naming_the_key_and_both_shapes_and_leaves_the_model_unchanged(string extension)
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var source = Small();
        var state = StateOf(source);
        state["classifier.6.bias"] = zeros(1); // would broadcast into every class without a shape check
        AlexNetWeights.Write(dir.File("bad" + extension), state);
        using var model = Small();
        var before = InteropAssert.Snapshot(model);

        Action load = () => AlexNetWeights.Load(model, dir.File("bad" + extension));

        load.Should().Throw<StateDictMismatchException>()
            .WithMessage("*bad" + extension + ": the weights do not fit*the model is unchanged*classifier.6.bias: file [1] Float32, model [10] Float32*")
            .Which.MisShaped.Should().ContainSingle();
        InteropAssert.Unchanged(model, before); // features.0.weight comes first in the file and was not copied either
    }

    [Fact]
    public void Missing_and_unexpected_keys_are_each_named()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var source = Small();
        var state = StateOf(source);
        state.Remove("features.0.bias");
        state["features.99.weight"] = zeros(3);
        AlexNetWeights.Write(dir.File("w.pth"), state);
        using var model = Small();

        var error = FluentActions.Invoking(() => AlexNetWeights.Load(model, dir.File("w.pth"))).Should().Throw<StateDictMismatchException>().Which;

        error.Missing.Should().Equal("features.0.bias");
        error.Unexpected.Should().Equal("features.99.weight");
        error.Message.Should().Contain("1 missing from the file: features.0.bias").And.Contain("1 unexpected (not in the model): features.99.weight");
    }

    [Fact]
    public void Another_class_count_fails_with_a_hint_and_loads_with_replace_head()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var imagenet = Small(1000);
        AlexNetWeights.Save(imagenet, dir.File("imagenet.pth"));
        using var model = Small(10);

        FluentActions.Invoking(() => AlexNetWeights.Load(model, dir.File("imagenet.pth"))).Should().Throw<StateDictMismatchException>()
            .WithMessage("*classifier.6.weight: file [1000, 8] Float32, model [10, 8] Float32*ReplaceHead = true*");
        WeightLoadResult result = AlexNetWeights.Load(model, dir.File("imagenet.pth"), new WeightLoadOptions { ReplaceHead = true });

        result.ReinitializedKeys.Should().BeEquivalentTo("classifier.6.weight", "classifier.6.bias");
        result.IgnoredFileKeys.Should().BeEquivalentTo("classifier.6.weight", "classifier.6.bias");
        var source = imagenet.state_dict();
        foreach (string key in result.LoadedKeys)
        {
            InteropAssert.Same(model.state_dict()[key], source[key]).Should().BeTrue(key);
        }

        result.LoadedKeys.Should().HaveCount(14);
        model.Classifier.parameters().Last().shape.Should().Equal(10);
    }

    [Fact]
    public void Replace_head_of_the_batch_norm_variant_also_resets_the_batch_norm_on_the_logits()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var imagenet = Small(1000, Variant.CifarBatchNorm);
        InteropAssert.RandomiseBatchNorm(imagenet);
        AlexNetWeights.Save(imagenet, dir.File("w.safetensors"));
        using var model = Small(10, Variant.CifarBatchNorm);

        WeightLoadResult result = AlexNetWeights.Load(model, dir.File("w.safetensors"), new WeightLoadOptions { ReplaceHead = true });

        result.ReinitializedKeys.Should().BeEquivalentTo("classifier.8.weight", "classifier.8.bias", "classifier.9.weight", "classifier.9.bias",
            "classifier.9.running_mean", "classifier.9.running_var", "classifier.9.num_batches_tracked");
        InteropAssert.Same(model.state_dict()["classifier.9.running_var"], ones(10)).Should().BeTrue();
        InteropAssert.Same(model.state_dict()["classifier.6.running_var"], imagenet.state_dict()["classifier.6.running_var"]).Should().BeTrue();
    }

    [Fact]
    public void Another_element_type_fails_unless_conversion_is_asked_for()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var source = Small();
        AlexNetWeights.Save(source, dir.File("double.pth"), ScalarType.Float64);
        using var model = Small();
        var before = InteropAssert.Snapshot(model);

        FluentActions.Invoking(() => AlexNetWeights.Load(model, dir.File("double.pth"))).Should().Throw<StateDictMismatchException>()
            .WithMessage("*features.0.weight: file [64, 3, 11, 11] Float64, model [64, 3, 11, 11] Float32*ConvertDtype = true*");
        InteropAssert.Unchanged(model, before);
        AlexNetWeights.Load(model, dir.File("double.pth"), new WeightLoadOptions { ConvertDtype = true });

        model.state_dict()["features.0.weight"].dtype.Should().Be(ScalarType.Float32);
        InteropAssert.Same(model.state_dict()["features.0.weight"], source.state_dict()["features.0.weight"]).Should().BeTrue();
    }

    [Fact]
    public void Loaded_parameters_stay_trainable()
    {
        using var dir = new TempDirectory();
        using var source = Small();
        AlexNetWeights.Save(source, dir.File("w.pth"));
        using var model = Small();

        AlexNetWeights.Load(model, dir.File("w.pth"));

        model.parameters().Should().OnlyContain(p => p.requires_grad);
    }

    [Theory]
    [InlineData(".pth")]
    [InlineData(".safetensors")]
    public void Save_then_read_gives_every_tensor_back_bit_for_bit_with_its_type(string extension)
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        using var model = Small(10, Variant.CifarBatchNorm);
        InteropAssert.RandomiseBatchNorm(model);

        AlexNetWeights.Save(model, dir.File("w" + extension));
        Dictionary<string, Tensor> read = AlexNetWeights.Read(dir.File("w" + extension));

        read.Keys.Should().Equal(model.state_dict().Keys);
        foreach (var (key, value) in model.state_dict())
        {
            read[key].dtype.Should().Be(value.dtype, key);
            InteropAssert.Same(read[key], value).Should().BeTrue(key);
        }

        read["features.1.num_batches_tracked"].dtype.Should().Be(ScalarType.Int64);
    }

    [Fact]
    public void A_pickle_that_names_a_python_object_is_refused_without_running_it()
    {
        using var dir = new TempDirectory();
        string path = dir.File("evil.pth");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var s = zip.CreateEntry("evil/data.pkl").Open();
            s.Write(Encoding.Latin1.GetBytes("\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000ls\u0085R."));
        }

        FluentActions.Invoking(() => AlexNetWeights.Read(path)).Should().Throw<WeightsFileException>()
            .WithMessage($"{path} at offset 2: evil/data.pkl: the pickle refers to the Python object os.system*no code is run*");
    }

    [Fact]
    public void A_file_of_neither_format_is_named_with_what_was_found()
    {
        using var dir = new TempDirectory();
        string path = dir.File("notes.safetensors");
        File.WriteAllText(path, "these are not weights");

        FluentActions.Invoking(() => AlexNetWeights.Read(path)).Should().Throw<WeightsFileException>()
            .WithMessage($"{path} at offset 0: the header length is * bytes, but the file has 13 bytes after it: not a safetensors file, or truncated");
    }

    [Fact]
    public void A_legacy_pytorch_file_cut_after_its_header_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("alexnet-owt-7be5be79.pth");
        // PyTorch's magic number and protocol version 1001, then nothing.
        File.WriteAllBytes(path, new byte[] { 0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e, 0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e });

        FluentActions.Invoking(() => AlexNetWeights.Read(path)).Should().Throw<WeightsFileException>()
            .WithMessage($"{path} at offset 21: system info: the pickle ends without a STOP opcode (truncated)");
    }

    [Fact]
    public void A_truncated_pth_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        using var model = Small();
        AlexNetWeights.Save(model, dir.File("w.pth"));
        byte[] bytes = File.ReadAllBytes(dir.File("w.pth"));
        File.WriteAllBytes(dir.File("cut.pth"), bytes[..(bytes.Length / 2)]);

        FluentActions.Invoking(() => AlexNetWeights.Read(dir.File("cut.pth"))).Should().Throw<WeightsFileException>()
            .WithMessage(dir.File("cut.pth") + ": not a readable zip archive (truncated or corrupt): *");
    }
}
