using System;
using System.IO;
using System.Linq;
using AlexNet.Core.Interop;
using AlexNet.Core.Models;

// Usage: AlexNet.WeightsLoadProbe read|load PATH
// Reads the weights file PATH (AlexNetWeights.Read) or loads it into a small TorchVision AlexNet (AlexNetWeights.Load),
// then prints "outcome EXCEPTION-TYPE: MESSAGE" (or "outcome ok N" with the number of tensors or keys) and
// "peak-rss-kb N", the process's peak resident memory (VmHWM of /proc/self/status). A crash shows as a non-zero exit
// code without those lines.
if (args.Length != 2 || args[0] is not ("read" or "load"))
{
    Console.Error.WriteLine("usage: AlexNet.WeightsLoadProbe read|load PATH");
    return 2;
}

try
{
    if (args[0] == "read")
    {
        var tensors = AlexNetWeights.Read(args[1]);
        Console.WriteLine($"outcome ok {tensors.Count}");
        foreach (var tensor in tensors.Values)
        {
            tensor.Dispose();
        }
    }
    else
    {
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });
        WeightLoadResult result = AlexNetWeights.Load(model, args[1]);
        Console.WriteLine($"outcome ok {result.LoadedKeys.Count}");
    }
}
catch (Exception e)
{
    Console.WriteLine($"outcome {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
}

string? peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
Console.WriteLine($"peak-rss-kb {peak?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] ?? "-1"}");
return 0;
