using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>How <see cref="AlexNetWeights.Read"/> tells .pth from .safetensors by content.</summary>
public class WeightsFileKindTests
{
    [Fact]
    public void A_safetensors_file_whose_header_length_starts_with_the_pickle_byte_0x80_is_read_as_safetensors()
    {
        using var dir = new TempDirectory();
        using var scope = NewDisposeScope();
        Tensor values = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        string path = dir.File("w.safetensors");
        string key = "k";
        for (; key.Length < 300; key += "x")
        {
            AlexNetWeights.Write(path, new[] { new KeyValuePair<string, Tensor>(key, values) });
            if (File.ReadAllBytes(path)[0] == 0x80)
            {
                break;
            }
        }

        File.ReadAllBytes(path)[0].Should().Be(0x80, "some key length gives a header length of 128 mod 256");

        Dictionary<string, Tensor> read = AlexNetWeights.Read(path);

        read.Keys.Should().Equal(key);
        read[key].shape.Should().Equal(2, 3);
        read[key].data<float>().ToArray().Should().Equal(0f, 1f, 2f, 3f, 4f, 5f);
    }
}
