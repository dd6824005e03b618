using System.IO;
using System.Text;
using System.Text.Json;
using AlexNet.Core.IO;

namespace AlexNet.Core.Checkpoints;

/// <summary>Writes a checkpoint file atomically (see <see cref="AtomicFile"/> and <see cref="CheckpointFormat"/>).</summary>
internal static class CheckpointWriter
{
    public static void Write(string path, CheckpointContent content) => AtomicFile.Write(path, file => WriteTo(file, content));

    private static void WriteTo(FileStream file, CheckpointContent content)
    {
        file.Write(new byte[CheckpointFormat.HeaderSize]);
        byte[] hash;
        long payloadLength;
        using (var payload = new HashingWriteStream(file))
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            CheckpointFormat.WriteSection(writer, CheckpointFormat.Metadata);
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(content.Metadata, CheckpointMetadata.JsonOptions);
            writer.Write(json.Length);
            writer.Write(json);

            CheckpointFormat.WriteSection(writer, CheckpointFormat.Model);
            WriteTensors(writer, content.ModelState);

            CheckpointFormat.WriteSection(writer, CheckpointFormat.Optimizer);
            content.Optimizer.save_state_dict(writer);

            CheckpointFormat.WriteSection(writer, CheckpointFormat.Random);
            writer.Write(content.CpuRngState is not null);
            if (content.CpuRngState is not null)
            {
                TensorIO.Write(writer, content.CpuRngState);
            }

            CheckpointFormat.WriteSection(writer, CheckpointFormat.Accumulators);
            WriteTensors(writer, content.AccumulatorState);

            CheckpointFormat.WriteSection(writer, CheckpointFormat.End);
            writer.Flush();
            payloadLength = payload.Length;
            hash = payload.FinishHash();
        }

        file.Position = 0;
        file.Write(CheckpointFormat.Header(payloadLength, hash));
    }

    private static void WriteTensors(BinaryWriter writer, System.Collections.Generic.IReadOnlyList<(string Name, TorchSharp.torch.Tensor Value)> tensors)
    {
        writer.Write(tensors.Count);
        foreach (var (name, value) in tensors)
        {
            writer.Write(name);
            TensorIO.Write(writer, value);
        }
    }
}
