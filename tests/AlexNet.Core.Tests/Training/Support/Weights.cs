using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

internal static class Weights
{
    /// <summary>Every state-dict entry (parameters and buffers) as raw bytes, for bitwise comparison.</summary>
    public static Dictionary<string, byte[]> Bytes(nn.Module module) =>
        module.state_dict().ToDictionary(kv => kv.Key, kv =>
        {
            using var cpu = kv.Value.detach().cpu().contiguous();
            return cpu.bytes.ToArray();
        });
}
