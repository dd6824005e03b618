using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Tests.Shared;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Seeded mutations of small valid files of each format (bytes flipped, runs overwritten, cut short): reading one
/// either succeeds or throws <see cref="WeightsFileException"/>, never anything else.
/// </summary>
public class WeightsReaderFuzzTests
{
    private const int Mutations = 150;

    public static TheoryData<string> Formats => new() { "zip.pth", "legacy.pth", "w.safetensors" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_mutated_file_is_read_or_refused_with_a_weights_file_exception(string name)
    {
        using var dir = new TempDirectory();
        byte[] valid = Valid(dir, name);
        var random = new Random(21);
        var unexpected = new List<string>();
        for (int i = 0; i < Mutations; i++)
        {
            string path = dir.File($"m{i}-{name}");
            File.WriteAllBytes(path, Mutate(valid, random));
            try
            {
                using var scope = NewDisposeScope();
                AlexNetWeights.Read(path);
            }
            catch (WeightsFileException)
            {
            }
            catch (Exception e)
            {
                unexpected.Add($"mutation {i}: {e.GetType().Name}: {e.Message}");
            }

            File.Delete(path);
        }

        unexpected.Should().BeEmpty();
    }

    private static byte[] Valid(TempDirectory dir, string name)
    {
        string path = dir.File("valid-" + name);
        if (name == "legacy.pth")
        {
            byte[] pickle = HostileFiles.StateDictPickle(
                new PickledTensor("a", "0", 6, 0, new[] { 2L, 3L }, new[] { 3L, 1L }),
                new PickledTensor("b", "1", 2, 0, new[] { 2L }, new[] { 1L }, "LongStorage"));
            File.WriteAllBytes(path, HostileFiles.Legacy(pickle, ("0", 6, new byte[24]), ("1", 2, new byte[16])));
        }
        else
        {
            using var scope = NewDisposeScope();
            AlexNetWeights.Write(path, new Dictionary<string, Tensor> { ["a"] = ones(2, 3), ["b"] = arange(2L), ["c"] = zeros(4, dtype: ScalarType.Float16) });
        }

        AlexNetWeights.Read(path).Values.ToList().ForEach(t => t.Dispose());
        return File.ReadAllBytes(path);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        byte[] bytes = (byte[])valid.Clone();
        switch (random.Next(4))
        {
            case 0: // flip a few bits
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // overwrite a run with one value (0x00, 0xff, 0x7f or 0x80)
            {
                int at = random.Next(bytes.Length);
                byte value = new byte[] { 0x00, 0xff, 0x7f, 0x80 }[random.Next(4)];
                Array.Fill(bytes, value, at, Math.Min(random.Next(1, 9), bytes.Length - at));
                return bytes;
            }

            case 2: // cut short
                return bytes[..random.Next(bytes.Length)];
            default: // a random byte anywhere
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
        }
    }
}
