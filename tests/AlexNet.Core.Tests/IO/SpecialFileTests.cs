using System;
using System.IO;
using System.Threading.Tasks;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Interop;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.IO;

/// <summary>
/// A named pipe given where a checkpoint or weights file is expected is refused without being opened: opening a FIFO
/// for reading waits for a writer, so a hang (the 60 s wait running out) is the failure.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_fifo_given_as_a_checkpoint_is_refused_without_being_opened()
    {
        string fifo = MakeFifo("last.ckpt");

        var read = () => Task.Run(() => CheckpointFile.ReadInfo(fifo)).WaitAsync(TimeSpan.FromSeconds(60));

        (await read.Should().ThrowAsync<CheckpointException>())
            .WithMessage("*the path is a named pipe (FIFO), not a regular file; it is not opened*");
    }

    [Fact]
    public async Task A_fifo_given_as_a_weights_file_is_refused_without_being_opened()
    {
        string fifo = MakeFifo("weights.pth");

        var read = () => Task.Run(() => AlexNetWeights.Read(fifo)).WaitAsync(TimeSpan.FromSeconds(60));

        (await read.Should().ThrowAsync<WeightsFileException>())
            .WithMessage("*this is a named pipe (FIFO), not a regular file; it is not opened*");
    }

    public void Dispose() => _directory.Dispose();

    private string MakeFifo(string name)
    {
        string path = Path.Combine(_directory.Path, name);
        NamedPipe.Create(path);
        return path;
    }
}
