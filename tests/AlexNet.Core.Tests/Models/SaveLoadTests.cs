using System;
using System.IO;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>A model's weights and batch-norm statistics round-trip through TorchSharp's own save and load.</summary>
public class SaveLoadTests
{
    [Fact]
    public void Saved_weights_and_running_statistics_load_into_a_fresh_model_of_the_same_options()
    {
        var options = new AlexNetOptions { ClassifierWidth = 32, InputChannels = 1 };
        string path = Path.Combine(Path.GetTempPath(), $"alexnet-{Guid.NewGuid():N}.bin");
        try
        {
            using var trained = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, options);
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                trained.train();
                trained.call(randn(4, 1, 28, 28)); // moves the running statistics off their initial values
            }

            trained.save(path);
            using var loaded = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, options);
            loaded.load(path);

            var expected = trained.state_dict();
            loaded.state_dict().Should().HaveCount(expected.Count)
                .And.OnlyContain(kv => kv.Value.equal(expected[kv.Key]).all().item<bool>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
