using System.Linq;
using AlexNet.Core.Models;

namespace AlexNet.Core.Tests.Models;

/// <summary>Exact parameter counts: the figures file's, and PyTorch's for every option that changes them.</summary>
[Collection(FullSizeModelsCollection.Name)]
public class ParameterCountTests
{
    private readonly FullSizeModels _models;

    public ParameterCountTests(FullSizeModels models) => _models = models;

    [Fact]
    public void Paper_single_tower_has_62_378_344_parameters_at_1000_classes() =>
        Count(_models.Paper).Should().Be(62_378_344);

    [Fact]
    public void Paper_two_towers_have_60_965_224_parameters_at_1000_classes() =>
        Count(_models.PaperTwoTowers).Should().Be(60_965_224);

    [Fact]
    public void TorchVision_has_61_100_840_parameters_at_1000_classes() =>
        Count(_models.TorchVision).Should().Be(61_100_840);

    [Fact]
    public void CifarBatchNorm_has_14_869_598_parameters_at_10_classes() =>
        Count(_models.CifarBatchNorm).Should().Be(14_869_598);

    // Expected counts from PyTorch: the definitions in tests/fixtures/models/make_model_fixtures.py and torchvision 0.14.
    [Theory]
    [InlineData(Variant.TorchVision, 10, 3, 1, null, 57_044_810)]
    [InlineData(Variant.TorchVision, 10, 1, 1, null, 57_029_322)]
    [InlineData(Variant.TorchVision, 1000, 3, 2, null, 60_209_960)]
    [InlineData(Variant.Paper, 10, 1, 2, null, 56_885_962)]
    [InlineData(Variant.Paper, 1000, 3, 1, 2048, 28_868_968)]
    [InlineData(Variant.CifarBatchNorm, 10, 1, 1, null, 14_868_446)]
    [InlineData(Variant.CifarBatchNorm, 10, 3, 2, null, 14_077_022)]
    [InlineData(Variant.CifarBatchNorm, 100, 3, 1, 4096, 36_242_796)]
    public void Options_change_the_count_exactly_as_in_pytorch(Variant variant, int classes, int channels, int groups, int? width, long expected)
    {
        using var model = AlexNetFactory.Create(variant, classes, new AlexNetOptions
        {
            InputChannels = channels, Reproduction = { Groups = groups }, ClassifierWidth = width, WeightInit = WeightInit.PyTorchDefault,
        });

        Count(model).Should().Be(expected);
    }

    [Fact]
    public void Lrn_dropout_init_and_output_options_leave_the_count_unchanged()
    {
        using var model = AlexNetFactory.Create(Variant.Paper, 1000, new AlexNetOptions
        {
            UseLocalResponseNorm = false, DropoutRate = 0.1, WeightInit = WeightInit.PyTorchDefault, Output = ModelOutput.LogProbabilities,
        });

        Count(model).Should().Be(62_378_344);
    }

    [Fact]
    public void Summary_totals_equal_the_models_own_parameter_count()
    {
        ModelSummary summary = ModelSummary.Of(_models.CifarBatchNorm);

        summary.TotalParameters.Should().Be(Count(_models.CifarBatchNorm));
        summary.TrainableParameters.Should().Be(summary.TotalParameters);
    }

    private static long Count(AlexNetModel model) => model.parameters().Sum(p => p.numel());
}
