using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Data.Transforms;
using AlexNet.Integration.Tests.Support;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;
using static TorchSharp.torch;

namespace AlexNet.Integration.Tests.Recipes;

public class RecipeCatalogueTests
{
    public static TheoryData<string> RecipeNames()
    {
        var data = new TheoryData<string>();
        foreach (var recipe in RecipeCatalogue.All.Where(r => r.Dataset != RecipeDataset.None))
        {
            data.Add(recipe.Name);
        }

        return data;
    }

    [Fact]
    public void The_catalogue_holds_the_five_write_ups_their_intended_variants_the_paper_the_quick_default_the_augmented_and_the_long_recipe()
    {
        RecipeCatalogue.All.Select(r => r.Name).Should().Equal(
            "cifar10-000", "fashion-mnist-001", "fashion-mnist-001-eval-dropout-off", "cifar10-002", "cifar10-002-jitter", "summary-003", "cifar10-004", "paper", "fashion-mnist-quick", "fashion-mnist-augmented", "fashion-mnist-long");
        RecipeCatalogue.Find("CIFAR10-002").Should().BeSameAs(RecipeCatalogue.All[3]);
        RecipeCatalogue.Find("imagenet").Should().BeNull();
    }

    [Fact]
    public void The_paper_recipe_is_SGD_with_momentum_weight_decay_and_divide_by_10_on_plateau()
    {
        var r = RecipeCatalogue.Find("paper")!;

        r.Variant.Should().Be(Variant.Paper);
        r.UseLocalResponseNorm.Should().BeTrue();
        r.WeightInit.Should().Be(WeightInit.Paper);
        r.BatchSize.Should().Be(128);
        var optimizer = r.Optimizer!.ToOptions();
        (optimizer.Kind, optimizer.LearningRate, optimizer.Sgd.Momentum, optimizer.WeightDecay).Should().Be((OptimizerKind.Sgd, 0.01, 0.9, 5e-4));
        var schedule = r.Schedule!.ToOptions();
        (schedule.Kind, schedule.ReduceOnPlateau.Factor, schedule.ReduceOnPlateau.Monitor, schedule.ReduceOnPlateau.Mode).Should().Be((ScheduleKind.ReduceOnPlateau, 0.1, MetricNames.ValidationError, MetricMode.Min));
        r.ChosenByUs.Should().BeEmpty();
    }

    [Fact]
    public void Write_up_004s_schedule_becomes_a_step_schedule_that_restarts_the_optimizer()
    {
        var schedule = RecipeCatalogue.Find("cifar10-004")!.Schedule!.ToOptions();

        (schedule.Kind, schedule.Step.StepSize, schedule.Step.Gamma, schedule.Step.ResetOptimizerOnDecay).Should().Be((ScheduleKind.Step, 5, 0.5, true));
    }

    [Fact]
    public void Write_up_001s_model_options_keep_dropout_on_in_eval_and_end_in_log_softmax()
    {
        var options = RecipeCatalogue.Find("fashion-mnist-001")!.CreateModelOptions(1);

        (options.Reproduction.DropoutPlacement, options.Reproduction.DropoutInEvaluation, options.Output, options.UseLocalResponseNorm, options.WeightInit)
            .Should().Be((DropoutPlacement.AfterHiddenReLU, true, ModelOutput.LogProbabilities, false, WeightInit.PyTorchDefault));
    }

    [Theory]
    [MemberData(nameof(RecipeNames))]
    public void Each_recipe_builds_its_model_and_pipelines_for_its_input_size(string name)
    {
        var recipe = RecipeCatalogue.Find(name)!;
        int channels = recipe.Dataset == RecipeDataset.FashionMnist ? 1 : 3;
        int stored = recipe.Dataset == RecipeDataset.FashionMnist ? 28 : 32;
        using var images = SyntheticImages.Create(20, channels, stored, Enumerable.Range(0, 10).Select(i => $"c{i}").ToArray(), seed: 1, "tiny");

        var pipelines = RecipePipelineFactory.Create(recipe, images);
        using var model = AlexNetFactory.Create(recipe.Variant, 10, recipe.CreateModelOptions(channels));

        var input = new ImageSpec(ScalarType.Byte, channels, stored, stored);
        pipelines.Train.GetOutputSpec(input).Should().Be(new ImageSpec(ScalarType.Float32, channels, recipe.InputSize, recipe.InputSize));
        var test = pipelines.Test.GetOutputSpec(input);
        (test.DType, test.Channels).Should().Be((ScalarType.Float32, channels));
        if (pipelines.TestViews is { } views)
        {
            recipe.Transforms.Should().Be(RecipeTransforms.Paper);
            views.ToString().Should().Be($"TenCrop({new ImageSize(recipe.InputSize, recipe.InputSize)})");
        }
        else
        {
            (test.Height, test.Width).Should().Be((recipe.InputSize, recipe.InputSize));
        }

        ModelSummary.Of(model, new ImageSize(recipe.InputSize, recipe.InputSize)).TotalParameters.Should().BePositive();
    }

    [Fact]
    public void Values_we_chose_are_starred_in_the_table()
    {
        var row = RecipeTable.Rows(new[] { RecipeCatalogue.Find("cifar10-000")! }).Single();

        row.Should().Equal("cifar10-000", "Cifar10", "write-up 000 ([AlexNet] AlexNet Implementation)", "Paper (LRN, PaperConvolutions init)", "227x227 *",
            "Resize((227, 227)), ToTensor(), Normalize(mean=[train_meanR, train_meanG, train_meanB], std=[train_stdR, train_stdG, train_stdB]) *",
            "Adam lr 0.0001", "constant", "128", "20", "80.45% test after 20 epochs (Accuracy : 0.8045)");
    }

    [Fact]
    public void Docs_samples_md_shows_the_catalogue_as_it_is_in_the_code()
    {
        string docs = File.ReadAllText(TestPaths.InRepository("docs/samples.md"));

        docs.Should().Contain(RecipeTable.ToMarkdown(RecipeCatalogue.All), "docs/samples.md must carry the table RecipeTable.ToMarkdown prints; paste it again after changing a recipe");
    }
}
