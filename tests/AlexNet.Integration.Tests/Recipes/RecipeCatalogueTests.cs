using System.IO;
using System.Linq;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
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
        foreach (var recipe in RecipeCatalogue.All)
        {
            data.Add(recipe.Name);
        }

        return data;
    }

    [Fact]
    public void The_catalogue_holds_the_five_write_ups_the_paper_and_the_quick_default()
    {
        RecipeCatalogue.All.Select(r => r.Name).Should().Equal(
            "paper-lrn-cifar10", "fashion-mnist-227", "cifar10-bn", "torchvision-cifar10", "cifar10-227-step", "paper", "fashion-mnist-quick");
        RecipeCatalogue.Find("CIFAR10-BN").Should().BeSameAs(RecipeCatalogue.All[2]);
        RecipeCatalogue.Find("imagenet").Should().BeNull();
    }

    [Fact]
    public void The_batch_norm_write_up_is_recipe_3_as_published()
    {
        var r = RecipeCatalogue.Find("cifar10-bn")!;

        r.Variant.Should().Be(Variant.CifarBatchNorm);
        r.InputSize.Should().Be(32);
        r.Transforms.Should().Be(RecipeTransforms.CifarBatchNorm);
        r.Optimizer.Should().Be(new RecipeOptimizer(OptimizerKind.Adam, 1e-3, 0, 0));
        r.BatchSize.Should().Be(512);
        r.Epochs.Should().Be(100);
        r.ReportedAccuracy.Should().Contain("90.3%");
        r.ChosenByUs.Should().BeEquivalentTo(new[] { RecipeField.Schedule });
    }

    [Fact]
    public void The_paper_recipe_is_SGD_with_momentum_weight_decay_and_divide_by_10_on_plateau()
    {
        var r = RecipeCatalogue.Find("paper")!;

        r.Variant.Should().Be(Variant.Paper);
        r.UseLocalResponseNorm.Should().BeTrue();
        r.WeightInit.Should().Be(WeightInit.Paper);
        r.BatchSize.Should().Be(128);
        var optimizer = r.Optimizer.ToOptions();
        (optimizer.Kind, optimizer.LearningRate, optimizer.Momentum, optimizer.WeightDecay).Should().Be((OptimizerKind.Sgd, 0.01, 0.9, 5e-4));
        var schedule = r.Schedule.ToOptions();
        (schedule.Kind, schedule.Factor, schedule.Monitor, schedule.Mode).Should().Be((ScheduleKind.ReduceOnPlateau, 0.1, MetricNames.ValidationError, MetricMode.Min));
        r.ChosenByUs.Should().BeEmpty();
    }

    [Fact]
    public void The_227_write_up_halves_the_learning_rate_every_5_epochs()
    {
        var schedule = RecipeCatalogue.Find("cifar10-227-step")!.Schedule.ToOptions();

        (schedule.Kind, schedule.StepSize, schedule.Gamma).Should().Be((ScheduleKind.Step, 5, 0.5));
        RecipeCatalogue.Find("cifar10-227-step")!.ReportedAccuracy.Should().Contain("82%");
        RecipeCatalogue.Find("fashion-mnist-227")!.ReportedAccuracy.Should().Contain("90%");
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
        if (pipelines.TestViews is TenCrop tenCrop)
        {
            recipe.Transforms.Should().Be(RecipeTransforms.Paper);
            tenCrop.Size.Should().Be(new ImageSize(recipe.InputSize, recipe.InputSize));
        }
        else
        {
            (test.Height, test.Width).Should().Be((recipe.InputSize, recipe.InputSize));
        }

        ModelSummary.Of(model, new InputSize(recipe.InputSize, recipe.InputSize)).TotalParameters.Should().BePositive();
    }

    [Fact]
    public void Values_we_chose_are_starred_in_the_table()
    {
        var row = RecipeTable.Rows(new[] { RecipeCatalogue.Find("cifar10-bn")! }).Single();

        row.Should().Equal("cifar10-bn", "Cifar10", "write-up 3 ([Intro to AI] CIFAR-10 AlexNet)", "CifarBatchNorm", "32x32",
            "crop 32 (pad 4), flip, ColorJitter(0.2, 0.2, 0.2, 0.1), RandomGrayscale(0.3), per-channel z-score",
            "Adam lr 0.001", "constant *", "512", "100", "90.3% test after 100 epochs");
    }

    [Fact]
    public void Docs_samples_md_shows_the_catalogue_as_it_is_in_the_code()
    {
        string docs = File.ReadAllText(TestPaths.InRepository("docs/samples.md"));

        docs.Should().Contain(RecipeTable.ToMarkdown(RecipeCatalogue.All), "docs/samples.md must carry the table RecipeTable.ToMarkdown prints; paste it again after changing a recipe");
    }
}
