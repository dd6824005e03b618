using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Models;

/// <summary>Output shapes for 1 and 3 channels and several input sizes, and the size limits each variant reports.</summary>
public class OutputShapeTests
{
    [Theory]
    [InlineData(Variant.Paper, 3, 227, 2)]
    [InlineData(Variant.Paper, 1, 258, 1)]
    [InlineData(Variant.TorchVision, 3, 224, 1)]
    [InlineData(Variant.TorchVision, 1, 63, 2)]
    [InlineData(Variant.TorchVision, 3, 100, 1)]
    [InlineData(Variant.CifarBatchNorm, 3, 32, 4)]
    [InlineData(Variant.CifarBatchNorm, 1, 28, 4)]
    [InlineData(Variant.CifarBatchNorm, 3, 6, 2)]
    [InlineData(Variant.CifarBatchNorm, 1, 64, 2)]
    public void Forward_gives_one_row_of_class_scores_per_image(Variant variant, int channels, int size, int batch)
    {
        using var model = AlexNetFactory.Create(variant, 7, new AlexNetOptions { InputChannels = channels, ClassifierWidth = 16 });
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        Tensor output = model.call(randn(batch, channels, size, size));

        output.shape.Should().Equal(batch, 7);
        output.dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Non_square_inputs_inside_the_limits_work()
    {
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { ClassifierWidth = 16 });
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();

        model.call(randn(2, 3, 28, 40)).shape.Should().Equal(2, 10);
    }

    [Theory]
    [InlineData(Variant.Paper, 227, 258, 227)]
    [InlineData(Variant.TorchVision, 63, null, 224)]
    [InlineData(Variant.CifarBatchNorm, 6, null, 32)]
    public void Each_variant_knows_its_minimum_maximum_and_nominal_input_size(Variant variant, int minimum, int? maximum, int nominal)
    {
        using var model = AlexNetFactory.Create(variant, 10, new AlexNetOptions { ClassifierWidth = 8, InputChannels = 1 });

        model.Descriptor.MinimumInputSize.Should().Be(new ImageSize(minimum, minimum));
        model.Descriptor.MaximumInputSize.Should().Be(maximum is null ? null : new ImageSize(maximum.Value, maximum.Value));
        model.Descriptor.NominalInputSize.Should().Be(new ImageSize(nominal, nominal));
        model.InputChannels.Should().Be(1);
        model.NumClasses.Should().Be(10);
        model.Variant.Should().Be(variant);
    }

    [Fact]
    public void Log_probability_output_is_log_softmax_of_the_logits()
    {
        using var scope = NewDisposeScope();
        using var logits = AlexNetFactory.Create(Variant.CifarBatchNorm, 5, new AlexNetOptions { ClassifierWidth = 16 });
        using var logProbabilities = AlexNetFactory.Create(Variant.CifarBatchNorm, 5, new AlexNetOptions { ClassifierWidth = 16, Output = ModelOutput.LogProbabilities });
        logProbabilities.load_state_dict(logits.state_dict());
        logits.eval();
        logProbabilities.eval();
        Tensor input = randn(3, 3, 32, 32);

        using var noGrad = no_grad();
        Tensor expected = logits.call(input).log_softmax(1);
        Tensor actual = logProbabilities.call(input);

        logits.OutputsLogProbabilities.Should().BeFalse();
        logProbabilities.OutputsLogProbabilities.Should().BeTrue();
        actual.allclose(expected, rtol: 0, atol: 1e-6).Should().BeTrue();
        actual.exp().sum(1).allclose(ones(3), rtol: 0, atol: 1e-5).Should().BeTrue();
    }
}
