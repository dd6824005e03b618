using System.Linq;
using AlexNet.Core.Models;
using AlexNet.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>A model moves to a device with all its parameters and buffers, runs there, and comes back intact.</summary>
public class DeviceTests
{
    [Fact]
    public void A_model_moves_to_the_cpu_and_back_with_its_weights_intact()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        model.to(CPU);
        model.to(DeviceType.CPU);

        model.state_dict().Should().OnlyContain(kv => kv.Value.device_type == DeviceType.CPU && kv.Value.equal(before[kv.Key]).all().item<bool>());
        foreach (var tensor in before.Values)
        {
            tensor.Dispose();
        }
    }

    [Fact]
    public void A_model_changes_dtype_with_every_parameter_and_buffer_and_runs_in_it()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });
        model.eval();
        using var scope = NewDisposeScope();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        model.to(ScalarType.Float64);
        model.state_dict().Where(kv => !kv.Key.EndsWith("num_batches_tracked", System.StringComparison.Ordinal))
            .Should().HaveCount(before.Count - 8).And.OnlyContain(kv => kv.Value.dtype == ScalarType.Float64);
        using (no_grad())
        {
            model.call(randn(2, 3, 32, 32, dtype: ScalarType.Float64)).dtype.Should().Be(ScalarType.Float64);
        }

        model.to(ScalarType.Float32);

        model.state_dict().Should().OnlyContain(kv => kv.Value.dtype == before[kv.Key].dtype && kv.Value.equal(before[kv.Key]).all().item<bool>());
    }

    [CudaFact]
    public void A_model_moves_to_cuda_runs_there_and_comes_back_with_the_same_weights()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 32 });
        model.eval();
        using var scope = NewDisposeScope();
        var before = model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
        Tensor input = randn(2, 3, 32, 32);
        Tensor cpuOutput;
        using (no_grad())
        {
            cpuOutput = model.call(input);
        }

        model.to(CUDA);
        model.state_dict().Values.Should().OnlyContain(t => t.device_type == DeviceType.CUDA);
        Tensor cudaOutput;
        using (no_grad())
        {
            cudaOutput = model.call(input.to(CUDA));
        }

        cudaOutput.device_type.Should().Be(DeviceType.CUDA);
        cudaOutput.cpu().allclose(cpuOutput, rtol: 1e-3, atol: 1e-4).Should().BeTrue();
        model.to(CPU);
        model.state_dict().Should().OnlyContain(kv => kv.Value.device_type == DeviceType.CPU && kv.Value.equal(before[kv.Key]).all().item<bool>());
    }
}
