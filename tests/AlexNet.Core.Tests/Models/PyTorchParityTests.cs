using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// Same weights, same input: the outputs match PyTorch's (torchvision.models.alexnet and the PyTorch definitions in
/// tests/fixtures/models/make_model_fixtures.py) to 1e-4 of their largest magnitude.
/// </summary>
public class PyTorchParityTests
{
    private const double Tolerance = 1e-4;

    public static IEnumerable<object[]> CaseNames => ModelFixture.Data.Cases.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Outputs_match_pytorch_for_the_same_weights_and_input(string name)
    {
        ParityCase fixture = ModelFixture.Case(name);
        using var model = AlexNetFactory.Create(fixture.Variant, fixture.NumClasses, fixture.Options);
        LoadByRule(model, fixture.Tensors);
        model.train(fixture.Training);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor output = model.call(ModelFixture.Rule(fixture.Input));

        output.shape.Should().Equal(fixture.OutputShape);
        AssertClose(output.data<float>().ToArray(), fixture.Output, name);
    }

    [Fact]
    public void State_dict_keys_of_the_torchvision_variant_are_torchvisions_in_order()
    {
        var torchvisionKeys = ModelFixture.Case("torchvision_224").Tensors.Select(t => t.Key).ToList();
        using var model = AlexNetFactory.Create(Variant.TorchVision, 10, new AlexNetOptions { ClassifierWidth = 8 });

        model.state_dict().Keys.Should().Equal(torchvisionKeys);
    }

    [Fact]
    public void Paper_lrn_matches_the_papers_formula_written_out()
    {
        LrnCase lrn = ModelFixture.Data.Lrn;
        using var scope = NewDisposeScope();
        using var layer = LocalResponseNormalization.Create(lrn.Size, lrn.Alpha, lrn.Beta, lrn.K, LrnAlphaConvention.Paper);

        Tensor output = layer.call(ModelFixture.Rule(lrn.Input));

        AssertClose(output.data<float>().ToArray(), lrn.Paper, "paper LRN");
    }

    [Fact]
    public void Pytorch_convention_lrn_matches_pytorch_given_alpha_1e_4_and_is_five_times_weaker()
    {
        LrnCase lrn = ModelFixture.Data.Lrn;
        using var scope = NewDisposeScope();
        using var layer = LocalResponseNormalization.Create(lrn.Size, lrn.Alpha, lrn.Beta, lrn.K, LrnAlphaConvention.PyTorch);
        Tensor input = ModelFixture.Rule(lrn.Input);

        Tensor output = layer.call(input);

        AssertClose(output.data<float>().ToArray(), lrn.PytorchConvention, "PyTorch-convention LRN");
        // (a / b)^(1 / beta) - k is the alpha term: alpha * sum of squares (paper) or alpha / n * sum (PyTorch).
        double[] a = input.data<float>().ToArray().Select(v => (double)v).ToArray();
        double Term(float[] b, int i) => Math.Pow(a[i] / b[i], 1 / lrn.Beta) - lrn.K;
        var ratios = Enumerable.Range(0, a.Length).Where(i => Math.Abs(a[i]) > 1)
            .Select(i => Term(lrn.PytorchConvention, i) / Term(lrn.Paper, i)).ToList();
        ratios.Should().NotBeEmpty().And.OnlyContain(r => Math.Abs(r - 0.2) < 1e-3);
    }

    private static void LoadByRule(AlexNetModel model, IReadOnlyList<TensorRule> rules)
    {
        Dictionary<string, Tensor> state = model.state_dict();
        state.Keys.Should().BeEquivalentTo(rules.Select(r => r.Key), "the model's state-dict keys are PyTorch's");
        using var noGrad = no_grad();
        foreach (TensorRule rule in rules)
        {
            Tensor target = state[rule.Key];
            target.shape.Should().Equal(rule.Shape, rule.Key);
            if (!rule.Skip)
            {
                using Tensor values = ModelFixture.Rule(rule.Shape, rule.Phase, rule.Scale, rule.Offset);
                target.copy_(values);
            }
        }
    }

    private static void AssertClose(float[] actual, float[] expected, string what)
    {
        actual.Length.Should().Be(expected.Length);
        double scale = expected.Max(v => Math.Abs((double)v));
        double worst = actual.Zip(expected, (a, e) => Math.Abs((double)a - e)).Max();
        worst.Should().BeLessThanOrEqualTo(Tolerance * scale, $"{what}: largest difference {worst:G3} against largest |value| {scale:G3}");
    }
}
