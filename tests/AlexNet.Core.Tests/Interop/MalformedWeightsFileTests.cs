using System;
using System.IO;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Files whose fields are malformed or overflow (issue 21): every one is a <see cref="WeightsFileException"/> naming the
/// file and the entry, raised before LibTorch sees a shape and before anything large is allocated.
/// </summary>
public class MalformedWeightsFileTests
{
    private static WeightsFileException ReadFails(string path) =>
        FluentActions.Invoking(() => AlexNetWeights.Read(path)).Should().Throw<WeightsFileException>().Which;

    private static string ZipOf(TempDirectory dir, params PickledTensor[] tensors)
    {
        string path = dir.File("w.pth");
        HostileFiles.Zip(path, HostileFiles.StateDictPickle(tensors), new[] { ("0", new byte[16]) });
        return path;
    }

    private static string SafeTensorsOf(TempDirectory dir, string header, int dataBytes)
    {
        string path = dir.File("w.safetensors");
        File.WriteAllBytes(path, HostileFiles.SafeTensors(header, dataBytes));
        return path;
    }

    [Fact]
    public void A_storage_entry_declaring_3_gigabytes_is_refused_naming_both_sizes()
    {
        using var dir = new TempDirectory();
        string path = ZipOf(dir, new PickledTensor("w", "0", 4, 0, new[] { 4L }, new[] { 1L }));
        HostileFiles.DeclareSize(path, "archive/data/0", 3_000_000_000);

        ReadFails(path).Message.Should().Be($"{path}: archive/data/0: the archive declares 3000000000 bytes; the pickle declares 4 x Float32 = 16 bytes");
    }

    [Fact]
    public void A_data_pkl_declaring_3_gigabytes_is_refused_before_inflating()
    {
        using var dir = new TempDirectory();
        string path = ZipOf(dir, new PickledTensor("w", "0", 4, 0, new[] { 4L }, new[] { 1L }));
        HostileFiles.DeclareSize(path, "archive/data.pkl", 3_000_000_000);

        ReadFails(path).Message.Should().StartWith($"{path}: archive/data.pkl: declares 3000000000 bytes; at most 67108864 are read");
    }

    [Theory]
    [InlineData(2147483648L, 2147483648L, 0L, "its element count or byte size overflows 64 bits")] // stride-0 [2^31, 2^31]: 2^64 bytes
    [InlineData(4294967296L, 4294967296L, 1L, "its element count or byte size overflows 64 bits")] // [2^32, 2^32]: 2^64 elements, wraps to 0
    [InlineData(2L, 2L, -1L, "a negative offset or stride")]
    [InlineData(4L, 4L, 1L, "it reaches element 15, beyond its storage of 4 elements")]
    public void A_shape_or_stride_that_overflows_or_escapes_its_storage_is_refused_before_libtorch_sees_it(long rows, long columns, long stride, string problem)
    {
        using var dir = new TempDirectory();
        string path = ZipOf(dir, new PickledTensor("features.0.weight", "0", 4, 0, new[] { rows, columns }, new[] { stride * columns, stride }));

        ReadFails(path).Message.Should()
            .Be($"{path}: 'features.0.weight': shape [{rows}, {columns}] with strides [{stride * columns}, {stride}] at offset 0 of storage 0: {problem}");
    }

    [Fact]
    public void A_storage_of_minus_one_elements_is_refused()
    {
        using var dir = new TempDirectory();
        string path = ZipOf(dir, new PickledTensor("w", "0", -1, 0, new[] { 4L }, new[] { 1L }));

        ReadFails(path).Message.Should().Match($"{path} at offset *: archive/data.pkl: storage 0 has -1 elements");
    }

    [Fact]
    public void A_legacy_storage_recording_minus_one_elements_is_refused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("legacy.pth");
        byte[] pickle = HostileFiles.StateDictPickle(new PickledTensor("w", "0", 4, 0, new[] { 4L }, new[] { 1L }));
        File.WriteAllBytes(path, HostileFiles.Legacy(pickle, ("0", -1, new byte[16])));

        ReadFails(path).Message.Should().Match($"{path} at offset *: storage 0: -1 elements recorded, 4 x Float32 expected, 16 bytes left in the file");
    }

    [Theory]
    [InlineData(
        "{\"w\": {\"dtype\": \"F32\", \"shape\": [1.5], "
        + "\"data_offsets\": [0, 4]}}",
        4,
        "'w': 'shape' holds the number 1.5, not a non-negative 64-bit integer")]
    [InlineData("{\"w\": {\"dtype\": 3, \"shape\": [1], \"data_offsets\": [0, 4]}}", 4, "'w': dtype the number 3 is not one of F32, *")]
    [InlineData("{\"w\": 7}", 4, "'w': expected an object with dtype, shape and data_offsets; found the number 7")]
    [InlineData(
        "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], "
        + "\"data_offsets\": [\"0\", \"4\"]}}",
        4,
        "'w': 'data_offsets' holds the string \"0\", not a non-negative 64-bit integer")]
    [InlineData(
        "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, "
        + "\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}",
        4,
        "the header names 'w' twice")]
    [InlineData(
        "{\"w\": {\"dtype\": \"F32\", \"shape\": [4294967296, 4294967296], "
        + "\"data_offsets\": [0, 4]}}",
        4,
        "'w': Float32 [4294967296, 4294967296]: the element count or byte size overflows 64 bits")]
    [InlineData(
        "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, "
        + "\"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}}",
        12,
        "'b': data_offsets [4, 12] overlap the tensor before it, which ends at 8*")]
    [InlineData(
        "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, "
        + "\"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}}",
        12,
        "'b': data_offsets [8, 12] leave a gap after the tensor before it, which ends at 4*")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", 8, "the tensors cover 4 bytes of the 8-byte data section*")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}}", 4, "the tensors cover 8 bytes of the 4-byte data section*")]
    public void A_malformed_safetensors_header_is_refused_naming_the_entry(string header, int dataBytes, string problem)
    {
        using var dir = new TempDirectory();
        string path = SafeTensorsOf(dir, header, dataBytes);

        ReadFails(path).Message.Should().Match($"{path} at offset *: {problem}");
    }

    [Fact]
    public void A_directory_given_as_the_weights_file_is_named_as_a_directory()
    {
        using var dir = new TempDirectory();
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });

        FluentActions.Invoking(() => AlexNetWeights.Load(model, dir.Path)).Should().Throw<WeightsFileException>()
            .WithMessage($"{dir.Path}: this is a directory, not a weights file: give the path of the .pth or .safetensors file inside it");
    }
}
