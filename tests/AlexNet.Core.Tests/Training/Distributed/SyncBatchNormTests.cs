using System;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Core.Tests.Distributed;
using AlexNet.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Distributed;

/// <summary>
/// Synchronised batch norm without MPI: against torch's own batch norm in one process (a world of 1), and two ranks
/// simulated by two threads against one process holding the whole batch.
/// </summary>
public class SyncBatchNormTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void World_of_one_matches_torch_batch_norm_in_output_gradients_and_running_statistics(int spatialDims)
    {
        using var scope = NewDisposeScope();
        var reference = NewNorm(spatialDims);
        var synced = NewNorm(spatialDims);
        var keys = synced.state_dict().Keys.ToArray();
        using var sync = new SyncBatchNorm(synced, ThreadCollectives.Create(1)[0]);
        var input = NewInput(spatialDims, 6, seed: 1);
        var weights = NewInput(spatialDims, 6, seed: 2);

        var expected = Step(reference, input, weights);
        var actual = Step(synced, input, weights);
        sync.ThrowIfBypassed();

        sync.LayerCount.Should().Be(1);
        synced.state_dict().Keys.Should().Equal(keys, "the layer is hooked, not replaced");
        AssertClose(actual, expected);
        AssertSameState(synced, reference);
    }

    [Fact]
    public async Task Two_simulated_ranks_with_half_batches_match_one_process_with_the_whole_batch()
    {
        using var scope = NewDisposeScope();
        var reference = NewNorm(2);
        var input = NewInput(2, 8, seed: 3);
        var weights = NewInput(2, 8, seed: 4);
        var expected = Step(reference, input, weights);
        var ranks = ThreadCollectives.Create(2);

        // Each rank in its own thread (no dispose scope there: its tensors live until collected).
        var results = await Task.WhenAll(ranks.Select(rank => Task.Run(() =>
        {
            var norm = NewNorm(2);
            using var sync = new SyncBatchNorm(norm, rank);
            var (output, inputGrad, weightGrad, biasGrad) = Step(norm, input.narrow(0, rank.Rank * 4, 4), weights.narrow(0, rank.Rank * 4, 4));
            return (output, inputGrad, weightGrad, biasGrad, norm);
        })));

        var combined = (
            cat(results.Select(r => r.output).ToArray()),
            cat(results.Select(r => r.inputGrad).ToArray()),
            results[0].weightGrad + results[1].weightGrad,
            results[0].biasGrad + results[1].biasGrad);
        AssertClose(combined, expected);
        foreach (var result in results)
        {
            AssertSameState(result.norm, reference);
        }
    }

    [Fact]
    public void A_layer_whose_forward_is_called_directly_is_reported_as_bypassed()
    {
        using var scope = NewDisposeScope();
        var norm = NewNorm(2);
        using var sync = new SyncBatchNorm(norm, ThreadCollectives.Create(1)[0]);

        ((BatchNorm)norm[0]).forward(NewInput(2, 4, seed: 5));

        var act = () => sync.ThrowIfBypassed();
        act.Should().Throw<NotSupportedException>().WithMessage("*batch norm layer(s) 0 did not run through call()*");
    }

    private static Sequential NewNorm(int spatialDims)
    {
        var norm = spatialDims == 2 ? (BatchNorm)nn.BatchNorm2d(3) : nn.BatchNorm1d(3);
        using (no_grad())
        {
            norm.weight.copy_(tensor(new[] { 1.5f, 0.5f, -1f }));
            norm.bias!.copy_(tensor(new[] { 0.1f, -0.2f, 0.3f }));
            norm.running_mean!.copy_(tensor(new[] { 0.2f, 0.1f, -0.1f }));
            norm.running_var!.copy_(tensor(new[] { 1.2f, 0.8f, 1f }));
        }

        var model = nn.Sequential(norm);
        model.train();
        return model;
    }

    private static Tensor NewInput(int spatialDims, long batch, int seed)
    {
        long[] shape = spatialDims == 2 ? new[] { batch, 3L, 4L, 5L } : new[] { batch, 3L };
        return (randn(shape, generator: new Generator((ulong)seed)) * 2) + 1;
    }

    private static (Tensor Output, Tensor InputGrad, Tensor WeightGrad, Tensor BiasGrad) Step(Sequential model, Tensor input, Tensor weights)
    {
        var x = input.detach().clone().requires_grad_(true);
        var y = model.call(x);
        (y * weights).sum().backward();
        var norm = (BatchNorm)model[0];
        return (y.detach(), x.grad!, norm.weight.grad!, norm.bias!.grad!);
    }

    private static void AssertClose((Tensor, Tensor, Tensor, Tensor) actual, (Tensor, Tensor, Tensor, Tensor) expected)
    {
        var names = new[] { "output", "input gradient", "weight gradient", "bias gradient" };
        var a = new[] { actual.Item1, actual.Item2, actual.Item3, actual.Item4 };
        var e = new[] { expected.Item1, expected.Item2, expected.Item3, expected.Item4 };
        for (int i = 0; i < 4; i++)
        {
            a[i].allclose(e[i], rtol: 1e-5, atol: 1e-5).Should().BeTrue($"the {names[i]} equals torch's batch norm over the whole batch");
        }
    }

    private static void AssertSameState(Sequential actual, Sequential expected)
    {
        var a = actual.state_dict();
        foreach (var (key, value) in expected.state_dict())
        {
            a[key].to(ScalarType.Float64).allclose(value.to(ScalarType.Float64), rtol: 1e-5, atol: 1e-7).Should()
                .BeTrue($"{key} is updated as torch updates it");
        }
    }
}
