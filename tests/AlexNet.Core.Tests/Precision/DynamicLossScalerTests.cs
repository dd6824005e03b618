using System;
using System.Text.Json.Nodes;
using AlexNet.Core.Precision;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Precision;

[Collection(AlexNet.Core.Tests.Training.Support.SerialTorchCollection.Name)]
public class DynamicLossScalerTests
{
    [Fact]
    public void Scaling_multiplies_the_loss_and_unscaling_divides_the_gradients_back()
    {
        using var scope = NewDisposeScope();
        var scaler = new DynamicLossScaler(initialScale: 1024);
        var weight = new Parameter(tensor(new float[] { 1, 2, 3 }));

        scaler.ScaleLoss(tensor(0.5f)).item<float>().Should().Be(512f);
        weight.grad = tensor(new float[] { 1024, -2048, 512 });
        bool finite = scaler.UnscaleGradients(new[] { weight });

        finite.Should().BeTrue();
        weight.grad!.data<float>().ToArray().Should().Equal(1f, -2f, 0.5f);
    }

    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    public void A_non_finite_gradient_skips_the_step_halves_the_scale_and_restarts_the_good_step_count(float bad)
    {
        using var scope = NewDisposeScope();
        var scaler = new DynamicLossScaler(initialScale: 65536, growthInterval: 3);
        var good = new Parameter(ones(2));
        var broken = new Parameter(ones(2));
        good.grad = ones(2);
        broken.grad = tensor(new[] { 1f, bad });
        scaler.Update(true);

        bool finite = scaler.UnscaleGradients(new[] { good, broken });
        scaler.Update(finite);

        finite.Should().BeFalse();
        scaler.Scale.Should().Be(32768);
        scaler.GoodSteps.Should().Be(0);
        scaler.SkippedSteps.Should().Be(1);
    }

    [Fact]
    public void The_scale_doubles_after_growth_interval_good_steps_in_a_row()
    {
        var scaler = new DynamicLossScaler(initialScale: 8, growthInterval: 3);

        scaler.Update(true);
        scaler.Update(true);
        scaler.Scale.Should().Be(8);
        scaler.Update(true);

        scaler.Scale.Should().Be(16);
        scaler.GoodSteps.Should().Be(0);
    }

    [Fact]
    public void Saved_state_restores_scale_good_steps_and_skips_through_json_text()
    {
        var scaler = new DynamicLossScaler(initialScale: 1024, growthInterval: 10);
        scaler.Update(false);
        scaler.Update(true);
        scaler.Update(true);
        var text = scaler.SaveState().ToJsonString();

        var restored = new DynamicLossScaler(growthInterval: 10);
        restored.LoadState(JsonNode.Parse(text)!.AsObject());

        restored.Scale.Should().Be(512);
        restored.GoodSteps.Should().Be(2);
        restored.SkippedSteps.Should().Be(1);
    }

    [Fact]
    public void A_state_with_a_missing_or_bad_scale_is_refused_naming_the_field()
    {
        var scaler = new DynamicLossScaler();

        var missing = () => scaler.LoadState(JsonNode.Parse("{\"good_steps\":0,\"skipped_steps\":0}")!.AsObject());
        var negative = () => scaler.LoadState(JsonNode.Parse("{\"scale\":-1,\"good_steps\":0,\"skipped_steps\":0}")!.AsObject());

        missing.Should().Throw<FormatException>().WithMessage("*\"scale\"*missing*");
        negative.Should().Throw<FormatException>().WithMessage("*scale -1*");
    }
}
