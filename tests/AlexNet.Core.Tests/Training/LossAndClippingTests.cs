using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Core.Optimization;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

/// <summary>Loss and gradient clipping against PyTorch 1.13 (tests/fixtures/trainer).</summary>
public class LossAndClippingTests
{
    [Theory]
    [InlineData(0.0, "cross_entropy")]
    [InlineData(0.1, "cross_entropy_smoothing_0.1")]
    public void Cross_entropy_on_logits_and_nll_on_log_softmax_both_match_torch(double smoothing, string key)
    {
        using var scope = NewDisposeScope();
        var (logits, labels) = LossInputs();
        double expected = Fixtures.Losses[key]!.GetValue<double>();

        double crossEntropy = new ClassificationLoss(LossKind.CrossEntropy, smoothing).Compute(logits, labels).item<double>();
        double nll = new ClassificationLoss(LossKind.Nll, smoothing).Compute(logits.log_softmax(1), labels).item<double>();

        crossEntropy.Should().BeApproximately(expected, 1e-12);
        nll.Should().BeApproximately(expected, 1e-12);
    }

    [Theory]
    [InlineData("norm_5_l2", 5.0, 2.0)]
    [InlineData("norm_100_l2", 100.0, 2.0)]
    [InlineData("norm_3_inf", 3.0, double.PositiveInfinity)]
    [InlineData("norm_4_l1", 4.0, 1.0)]
    public void Norm_clipping_matches_torch_clip_grad_norm(string key, double maxNorm, double normType)
    {
        using var scope = NewDisposeScope();
        var parameters = ParametersWithFixtureGradients();

        GradientClipper.ClipNorm(parameters, maxNorm, normType);

        Gradients(parameters).Should().Equal(Expected(key), (a, b) => System.Math.Abs(a - b) <= 1e-12);
    }

    [Fact]
    public void Value_clipping_matches_torch_clip_grad_value()
    {
        using var scope = NewDisposeScope();
        var parameters = ParametersWithFixtureGradients();

        GradientClipper.ClipValue(parameters, 2.5);

        Gradients(parameters).Should().Equal(Expected("value_2.5"));
    }

    private static (Tensor Logits, Tensor Labels) LossInputs()
    {
        var rows = Fixtures.Losses["logits"]!.AsArray().Select(r => Fixtures.Doubles(r)).ToArray();
        var logits = tensor(rows.SelectMany(r => r).ToArray(), new long[] { rows.Length, rows[0].Length });
        var labels = tensor(Fixtures.Losses["labels"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray());
        return (logits, labels);
    }

    private static Parameter[] ParametersWithFixtureGradients()
    {
        var grads = Fixtures.Clipping["grads"]!.AsArray();
        var first = Flatten(grads[0]!);
        var second = Fixtures.Doubles(grads[1]);
        var p1 = new Parameter(zeros(2, 2, dtype: float64));
        var p2 = new Parameter(zeros(2, dtype: float64));
        p1.grad = tensor(first, new long[] { 2, 2 });
        p2.grad = tensor(second);
        return new[] { p1, p2 };
    }

    private static double[] Gradients(Parameter[] parameters) =>
        parameters.SelectMany(p => p.grad!.data<double>().ToArray()).ToArray();

    private static double[] Expected(string key)
    {
        var node = Fixtures.Clipping[key]!.AsArray();
        return Flatten(node[0]!).Concat(Fixtures.Doubles(node[1])).ToArray();
    }

    private static double[] Flatten(JsonNode rows) => rows.AsArray().SelectMany(r => Fixtures.Doubles(r)).ToArray();
}
