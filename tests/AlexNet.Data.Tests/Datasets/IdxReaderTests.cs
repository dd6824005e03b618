using System;
using System.Buffers.Binary;
using System.IO;
using AlexNet.Data.Datasets;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Datasets;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Unsigned_bytes_of_rank_3_come_back_with_their_dimensions_and_values(bool gzip)
    {
        byte[] values = new byte[2 * 3 * 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)(250 + i);
        }

        string path = Write("u8.idx", IdxFiles.UnsignedBytes([2, 3, 4], values), gzip);

        using IdxArray array = IdxReader.Read(path);

        array.DataType.Should().Be(IdxDataType.UnsignedByte);
        array.MagicNumber.Should().Be(0x0803);
        array.Dimensions.Should().Equal(2L, 3L, 4L);
        array.Data.dtype.Should().Be(ScalarType.Byte);
        array.Data.shape.Should().Equal(2L, 3L, 4L);
        array.Data.data<byte>().ToArray().Should().Equal(values);
    }

    [Fact]
    public void Signed_bytes_are_read_as_int8()
    {
        string path = Write("i8.idx", IdxFiles.Build(0x09, [4], [0x00, 0x7F, 0x80, 0xFF]), gzip: false);

        using IdxArray array = IdxReader.Read(path);

        array.Data.dtype.Should().Be(ScalarType.Int8);
        array.Data.data<sbyte>().ToArray().Should().Equal(0, 127, -128, -1);
    }

    [Fact]
    public void Big_endian_int16_values_are_read_in_native_order()
    {
        short[] values = [1, -2, 0x1234, short.MinValue, short.MaxValue, 0];
        byte[] bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * i), values[i]);
        }

        using IdxArray array = IdxReader.Read(Write("i16.idx.gz", IdxFiles.Build(0x0B, [2, 3], bytes), gzip: true));

        array.Data.dtype.Should().Be(ScalarType.Int16);
        array.Data.shape.Should().Equal(2L, 3L);
        array.Data.data<short>().ToArray().Should().Equal(values);
    }

    [Fact]
    public void Big_endian_int32_values_of_rank_4_are_read_in_native_order()
    {
        int[] values = new int[2 * 1 * 2 * 3];
        byte[] bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (i - 5) * 123_456_789;
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        using IdxArray array = IdxReader.Read(Write("i32.idx", IdxFiles.Build(0x0C, [2, 1, 2, 3], bytes), gzip: false));

        array.Data.dtype.Should().Be(ScalarType.Int32);
        array.Dimensions.Should().Equal(2L, 1L, 2L, 3L);
        array.Data.data<int>().ToArray().Should().Equal(values);
    }

    [Fact]
    public void Big_endian_float32_values_are_read_exactly()
    {
        float[] values = [0f, -1.5f, 3.1415927f, float.MaxValue, float.Epsilon];
        byte[] bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 * i), values[i]);
        }

        using IdxArray array = IdxReader.Read(Write("f32.idx", IdxFiles.Build(0x0D, [5], bytes), gzip: false));

        array.Data.dtype.Should().Be(ScalarType.Float32);
        array.Data.data<float>().ToArray().Should().Equal(values);
    }

    [Fact]
    public void Big_endian_float64_values_after_an_odd_dimension_count_are_read_exactly()
    {
        // One dimension: the data starts at offset 8; three: at 16; a float64 array after one dimension is 4-aligned only.
        double[] values = [0.1, -2.5e300, double.Epsilon, 1.0 / 3.0];
        byte[] bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(8 * i), values[i]);
        }

        using IdxArray array = IdxReader.Read(Write("f64.idx.gz", IdxFiles.Build(0x0E, [4], bytes), gzip: true));

        array.Data.dtype.Should().Be(ScalarType.Float64);
        array.Data.data<double>().ToArray().Should().Equal(values);
    }

    [Fact]
    public void An_empty_array_with_a_zero_dimension_is_read()
    {
        using IdxArray array = IdxReader.Read(Write("empty.idx", IdxFiles.UnsignedBytes([0, 28, 28], []), gzip: false));

        array.Data.shape.Should().Equal(0L, 28L, 28L);
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_name()
    {
        var act = () => IdxReader.Read(_temp.File("nothing-here.idx"));

        act.Should().Throw<DatasetNotFoundException>()
            .Which.FilesLookedFor.Should().Equal("nothing-here.idx");
    }

    [Fact]
    public void A_file_that_does_not_start_with_two_zero_bytes_has_a_wrong_magic_number()
    {
        string path = Write("png.idx", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 7], gzip: false);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.File.Should().Be(path);
        e.Offset.Should().Be(0);
        e.Field.Should().Be("IDX magic number");
        e.Found.Should().Be("0x89504E47 (not an IDX file)");
        e.Message.Should().Be($"{path}: IDX magic number at offset 0: expected 0x0000 then a type code and a number of dimensions; found 0x89504E47 (not an IDX file).");
    }

    [Fact]
    public void An_unknown_type_code_is_reported_at_offset_2()
    {
        string path = Write("type.idx", IdxFiles.Build(0x0A, [1], [5]), gzip: false);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Offset.Should().Be(2);
        e.Field.Should().Be("IDX type code");
        e.Expected.Should().Be("0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E");
        e.Found.Should().Be("0x0A");
    }

    [Fact]
    public void A_raw_file_shorter_than_its_dimensions_say_is_rejected_before_reading_the_data()
    {
        byte[] file = IdxFiles.UnsignedBytes([3, 2, 2], new byte[12]);
        string path = Write("short.idx", file[..^1], gzip: false);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Field.Should().Be("file length");
        e.Offset.Should().Be(16);
        e.Expected.Should().Be("28 bytes for dimensions [3 x 2 x 2] of UnsignedByte (16 header + 12 data bytes)");
        e.Found.Should().Be("27 bytes");
    }

    [Fact]
    public void A_raw_file_longer_than_its_dimensions_say_is_rejected()
    {
        byte[] file = IdxFiles.UnsignedBytes([3], [1, 2, 3]);
        string path = Write("long.idx", [.. file, 4], gzip: false);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Expected.Should().StartWith("11 bytes for dimensions [3]");
        e.Found.Should().Be("12 bytes");
    }

    [Fact]
    public void A_gzip_file_whose_content_is_shorter_than_its_dimensions_say_is_a_truncated_file()
    {
        byte[] file = IdxFiles.UnsignedBytes([10, 2], new byte[20]);
        string path = Write("short.idx.gz", file[..^5], gzip: true);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Offset.Should().Be(12);
        e.Expected.Should().Be("20 bytes");
        e.Found.Should().Be("the decompressed content ends after 15 of them (truncated file)");
    }

    [Fact]
    public void A_gzip_file_whose_content_is_longer_than_its_dimensions_say_is_rejected()
    {
        byte[] file = IdxFiles.UnsignedBytes([4], [1, 2, 3, 4]);
        string path = Write("long.idx.gz", [.. file, 5, 6], gzip: true);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Field.Should().Be("end of data");
        e.Offset.Should().Be(12);
        e.Found.Should().Be("2 more bytes (the decompressed content is longer than the header says)");
    }

    [Fact]
    public void A_header_claiming_two_billion_images_fails_before_any_allocation()
    {
        byte[] header = IdxFiles.UnsignedBytes([int.MaxValue, 28, 28], []);
        string raw = Write("huge.idx", header, gzip: false);
        string gzip = Write("huge.idx.gz", header, gzip: true);

        Assert.Throws<DatasetFormatException>(() => IdxReader.Read(raw)).Found.Should().Be("dimensions [2147483647 x 28 x 28] of UnsignedByte");
        Assert.Throws<DatasetFormatException>(() => IdxReader.Read(gzip)).Found.Should().Be("dimensions [2147483647 x 28 x 28] of UnsignedByte");
    }

    [Fact]
    public void A_gzip_header_claiming_more_than_the_file_can_decompress_to_fails_before_allocation()
    {
        // 100,000 x 28 x 28 = 78.4 MB cannot come out of a gzip file of a few dozen bytes (deflate tops out near 1032:1).
        string path = Write("claims.idx.gz", IdxFiles.UnsignedBytes([100_000, 28, 28], new byte[10]), gzip: true);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.Field.Should().Be("IDX dimensions");
        e.Expected.Should().Contain("the most a gzip file of");
        e.Found.Should().Be("dimensions [100000 x 28 x 28] of UnsignedByte that need 78,400,016 bytes");
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_reported_with_the_file_and_the_runtime_error_inside()
    {
        byte[] gzip = IdxFiles.Gzip(IdxFiles.UnsignedBytes([1000], new byte[1000]));
        gzip[gzip.Length - 6] ^= 0xFF; // the stored CRC32 no longer matches
        string path = _temp.File("crc.idx.gz");
        File.WriteAllBytes(path, gzip);

        var e = Assert.Throws<DatasetFormatException>(() => IdxReader.Read(path));

        e.File.Should().Be(path);
        e.Field.Should().Be("gzip stream");
        e.Expected.Should().Be("valid gzip (deflate) data");
        e.InnerException.Should().BeOfType<InvalidDataException>();
        e.Message.Should().StartWith($"{path}: gzip stream at offset ");
    }

    [Fact]
    public void A_checksum_is_verified_against_the_decompressed_content_or_the_file()
    {
        byte[] content = IdxFiles.UnsignedBytes([3], [7, 8, 9]);
        string path = Write("sum.idx.gz", content, gzip: true);
        string contentMd5 = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(content)).ToLowerInvariant();
        string fileMd5 = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
        const string Other = "0123456789abcdef0123456789abcdef";

        using (IdxReader.Read(path, new FileChecksum("sum.idx.gz", Other, contentMd5)))
        {
        }

        using (IdxReader.Read(path, new FileChecksum("sum.idx.gz", fileMd5, Other)))
        {
        }

        var e = Assert.Throws<DatasetChecksumException>(() => IdxReader.Read(path, new FileChecksum("sum.idx.gz", Other, Other)));
        e.File.Should().Be(path);
        e.Expected.Should().Be($"MD5 {Other} of the decompressed content or MD5 {Other} of the file as published (sum.idx.gz)");
        e.Actual.Should().Be($"MD5 {contentMd5} of the decompressed content, MD5 {fileMd5} of the file");
    }

    private string Write(string name, byte[] content, bool gzip)
    {
        string path = _temp.File(name);
        File.WriteAllBytes(path, gzip ? IdxFiles.Gzip(content) : content);
        return path;
    }
}
