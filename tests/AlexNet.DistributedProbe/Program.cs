using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Distributed;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using AlexNet.Data.Loading;
using AlexNet.DistributedProbe;
using TorchSharp;

// Usage (one rank; under mpirun.mpich -np N for N ranks):
//   AlexNet.DistributedProbe train OUT [--epochs E] [--total-batch B] [--samples N] [--bn-dropout] [--stop-at-step S]
//       [--save PATH] [--resume PATH] [--fail-rank R --fail-step S --fail-kind kill|throw] [--rank1-lr X]
//       [--bf16] [--sync-bn] [--cifar-bn [--width W]] [--mpi] [--lr X] [--image-size S]
//     trains TinyNet on N synthetic images with a global batch of B (B / world size per rank); each rank starts from
//     its own random weights (the strategy must broadcast rank 0's); writes OUT/weights-rankR.bin (every tensor of the
//     state dict, raw; OUT/weights-rankR.txt lists each one's name, type and byte count), OUT/metrics-rankR.txt (the
//     last step's train loss, top-1 and sample count) and OUT/bytes-rankR.txt
//     (the float32 and bfloat16 bytes the last step passed to allreduce). --bf16: gradients compressed to bfloat16;
//     --sync-bn: synchronised batch norm; --cifar-bn: Variant.CifarBatchNorm without dropout (classifier width W,
//     default 2048) instead of TinyNet; --mpi: DistributedMode.Mpi (the MPI strategy even as 1 process); --lr: the
//     learning rate (default 0.05); --image-size: the images' side (default 8).
//   AlexNet.DistributedProbe shards OUT [--samples N] [--batch B] [--epochs E] [--drop-last]
//     writes OUT/shard-rankR.txt: per epoch, "EPOCH: i j k ..." the dataset indices this rank's loader yields.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: AlexNet.DistributedProbe train|shards OUT [options]");
    return 2;
}

torch.set_num_threads(1);
var settings = ProbeArguments.Parse(args.Skip(2).ToArray());
string output = args[1];
Directory.CreateDirectory(output);
int rank = DistributedLaunch.Rank;
int world = DistributedLaunch.WorldSize;
Console.WriteLine($"probe: rank {rank} of {world}, pid {Environment.ProcessId}");
return args[0] switch
{
    "train" => Train(),
    "shards" => Shards(),
    _ => 2,
};

int Train()
{
    int epochs = settings.Int("epochs", 1);
    int totalBatch = settings.Int("total-batch", 16);
    using var dataset = new SyntheticSet(settings.Int("samples", 96), settings.Int("image-size", 8));
    var loader = new DataLoader(dataset, new DataLoaderOptions
    {
        BatchSize = totalBatch / world, Shuffle = true, Seed = 3, Rank = rank, WorldSize = world, Prefetch = false,
    });
    torch.random.manual_seed(100 + rank);
    torch.nn.Module<torch.Tensor, torch.Tensor> model = settings.Has("cifar-bn")
        ? AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { DropoutRate = 0, ClassifierWidth = settings.Int("width", 2048) })
        : new TinyNet(settings.Has("bn-dropout"));
    var options = new TrainerOptions { Epochs = epochs, Device = "cpu", Seed = 1, LogInterval = 1 };
    options.Distributed.GradientCompression = settings.Has("bf16") ? GradientCompression.BFloat16 : GradientCompression.None;
    options.Distributed.SyncBatchNorm = settings.Has("sync-bn");
    options.Distributed.Mode = settings.Has("mpi") ? DistributedMode.Mpi : DistributedMode.Auto;
    double learningRate = settings.Value("lr") is string rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 0.05;
    options.Optimizer.LearningRate = rank == 1 && settings.Value("rank1-lr") is string lr ? double.Parse(lr, CultureInfo.InvariantCulture) : learningRate;
    using var trainer = new Trainer(model, options);
    var recorder = new ProbeHook(rank, settings);
    trainer.Hooks.Add(recorder);
    if (settings.Value("resume") is string resume)
    {
        trainer.Resume(resume);
    }

    trainer.Fit(loader);
    if (settings.Value("save") is string save)
    {
        trainer.SaveCheckpoint(save);
    }

    var index = new List<string>();
    using (var weights = File.Create(Path.Combine(output, $"weights-rank{rank}.bin")))
    {
        foreach (var (name, tensor) in model.state_dict())
        {
            using var host = tensor.detach().cpu().contiguous();
            weights.Write(host.bytes);
            index.Add(FormattableString.Invariant($"{name} {host.dtype} {host.bytes.Length}"));
        }
    }

    File.WriteAllLines(Path.Combine(output, $"weights-rank{rank}.txt"), index);

    var m = recorder.Last!;
    File.WriteAllText(Path.Combine(output, $"metrics-rank{rank}.txt"), FormattableString.Invariant($"{m.Loss:R} {m.Top1:R} {m.Samples}"));
    var (float32Bytes, bfloat16Bytes) = recorder.LastStepBytes;
    File.WriteAllText(Path.Combine(output, $"bytes-rank{rank}.txt"), FormattableString.Invariant($"{float32Bytes} {bfloat16Bytes}"));
    Console.WriteLine($"probe: rank {rank} done, world size {trainer.WorldSize}");
    return 0;
}

int Shards()
{
    using var dataset = new IndexSet(settings.Int("samples", 101));
    var loader = new DataLoader(dataset, new DataLoaderOptions
    {
        BatchSize = settings.Int("batch", 8), Shuffle = true, Seed = 5, Rank = rank, WorldSize = world, DropLast = settings.Has("drop-last"), Prefetch = false,
    });
    var lines = new List<string>();
    for (int epoch = 0; epoch < settings.Int("epochs", 2); epoch++)
    {
        var indices = new List<long>();
        foreach (var batch in loader.GetBatches(epoch))
        {
            using (batch)
            {
                indices.AddRange(IndexSet.Decode(batch.Images));
            }
        }

        lines.Add($"{epoch}: {string.Join(' ', indices)}");
    }

    File.WriteAllLines(Path.Combine(output, $"shard-rank{rank}.txt"), lines);
    return 0;
}
