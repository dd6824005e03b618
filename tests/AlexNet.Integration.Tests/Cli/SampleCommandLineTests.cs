using System;
using System.IO;
using AlexNet.Samples;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Cli;

public class SampleCommandLineTests
{
    private static SampleCommandLine FashionMnistCli => new(FashionMnistSample.Definition);

    private static (int ExitCode, string Output, string Error, bool Ran) Invoke(SampleDefinition definition, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        bool ran = false;
        int code = new SampleCommandLine(definition).Invoke(args, _ => { ran = true; return 0; }, output, error);
        return (code, output.ToString(), error.ToString(), ran);
    }

    [Fact]
    public void No_arguments_run_the_default_recipe_with_its_own_settings()
    {
        var (settings, error) = FashionMnistCli.Parse(Array.Empty<string>());

        error.Should().BeNull();
        var recipe = RecipeCatalogue.Find(RecipeCatalogue.FashionMnistDefault)!;
        settings!.Recipe.Should().BeSameAs(recipe);
        settings.Epochs.Should().Be(recipe.Epochs);
        settings.BatchSize.Should().Be(recipe.BatchSize);
        settings.TrainSubset.Should().Be(recipe.TrainSubset);
        settings.TestSubset.Should().BeNull();
        settings.LearningRate.Should().Be(recipe.Optimizer!.LearningRate);
        settings.Device.Should().Be("auto");
        settings.DataPath.Should().Be("/usr/share/datasets/fashion-mnist");
        settings.DataPathGiven.Should().BeFalse();
        settings.Synthetic.Should().BeFalse();
        settings.Seed.Should().Be(0);
        settings.OutputDirectory.Should().StartWith(Path.Combine("runs", "fashion-mnist-quick-"));
    }

    [Fact]
    public void Options_override_the_recipe()
    {
        var (settings, error) = FashionMnistCli.Parse(new[]
        {
            "--recipe", "fashion-mnist-001", "--epochs", "2", "--batch-size", "32", "--train-subset", "500", "--test-subset", "100",
            "--lr", "0.05", "--device", "CPU", "--output", "out/run", "--data", "/data/fm", "--synthetic", "--seed", "7",
        });

        error.Should().BeNull();
        settings!.Recipe.Name.Should().Be("fashion-mnist-001");
        settings.Epochs.Should().Be(2);
        settings.BatchSize.Should().Be(32);
        settings.TrainSubset.Should().Be(500);
        settings.TestSubset.Should().Be(100);
        settings.LearningRate.Should().Be(0.05);
        settings.Device.Should().Be("cpu");
        settings.OutputDirectory.Should().Be("out/run");
        settings.DataPath.Should().Be("/data/fm");
        settings.DataPathGiven.Should().BeTrue();
        settings.Synthetic.Should().BeTrue();
        settings.Seed.Should().Be(7);
    }

    [Fact]
    public void A_train_subset_of_0_means_the_whole_training_set()
    {
        FashionMnistCli.Parse(new[] { "--train-subset", "0" }).Settings!.TrainSubset.Should().BeNull();
    }

    [Theory]
    [InlineData("--epochs -1", "--epochs must be 1 or more; got -1.")]
    [InlineData("--epochs 0", "--epochs must be 1 or more; got 0.")]
    [InlineData("--epochs ten", "--epochs must be a whole number; got 'ten'.")]
    [InlineData("--batch-size 0", "--batch-size must be 1 or more; got 0.")]
    [InlineData("--train-subset -5", "--train-subset must be 0 or more; got -5.")]
    [InlineData("--lr -0.1", "--lr must be a number above 0; got '-0.1'.")]
    [InlineData("--lr NaN", "--lr must be a number above 0; got 'NaN'.")]
    [InlineData("--device quantum", "--device must be auto, cpu, cuda or cuda:N; got 'quantum'.")]
    [InlineData("--recipe nope", "--recipe: unknown recipe 'nope'; FashionMnist runs fashion-mnist-001, fashion-mnist-001-eval-dropout-off, fashion-mnist-quick, fashion-mnist-augmented, fashion-mnist-long.")]
    [InlineData("--recipe cifar10-002", "--recipe: 'cifar10-002' is a Cifar10 recipe (samples/Cifar10); FashionMnist runs fashion-mnist-001, fashion-mnist-001-eval-dropout-off, fashion-mnist-quick, fashion-mnist-augmented, fashion-mnist-long.")]
    public void A_bad_value_is_one_line_on_standard_error_and_exit_code_2(string arguments, string message)
    {
        var (code, output, error, ran) = Invoke(FashionMnistSample.Definition, arguments.Split(' '));

        code.Should().Be(SampleCommandLine.UsageError);
        ran.Should().BeFalse();
        output.Should().BeEmpty();
        error.Should().Be($"FashionMnist: {message} See --help.{Environment.NewLine}");
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var (code, _, error, ran) = Invoke(FashionMnistSample.Definition, "--epoch", "3");

        code.Should().Be(SampleCommandLine.UsageError);
        ran.Should().BeFalse();
        error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().Contain("'--epoch'");
    }

    [Fact]
    public void Help_lists_every_option_with_its_default_and_the_recipes()
    {
        var (code, output, error, ran) = Invoke(FashionMnistSample.Definition, "--help");

        code.Should().Be(0);
        ran.Should().BeFalse();
        error.Should().BeEmpty();
        foreach (string option in new[] { "--recipe", "--list-recipes", "--data", "--synthetic", "--epochs", "--batch-size", "--train-subset", "--test-subset", "--lr", "--device", "--output", "--seed", "--resume" })
        {
            output.Should().Contain(option);
        }

        output.Should().Contain("[default: fashion-mnist-quick]")
            .And.Contain("[default: /usr/share/datasets/fashion-mnist]")
            .And.Contain("[default: auto]")
            .And.Contain("[default: 0]")
            .And.Contain("[default: the recipe's]")
            .And.Contain("[default: runs/RECIPE-TIMESTAMP]")
            .And.Contain("fashion-mnist-001")
            .And.Contain("(default)");
        output.Should().NotContain("--download");
    }

    [Fact]
    public void The_Cifar10_sample_offers_download_and_no_synthetic_data()
    {
        var (_, output, _, _) = Invoke(Cifar10Sample.Definition, "--help");

        output.Should().Contain("--download").And.Contain("[default: cifar10-002]").And.Contain("[default: data]");
        output.Should().NotContain("--synthetic");
        Invoke(Cifar10Sample.Definition, "--synthetic").ExitCode.Should().Be(SampleCommandLine.UsageError);
    }

    [Fact]
    public void List_recipes_prints_each_recipe_of_the_sample_and_runs_nothing()
    {
        var (code, output, _, ran) = Invoke(Cifar10Sample.Definition, "--list-recipes");

        code.Should().Be(0);
        ran.Should().BeFalse();
        foreach (var recipe in RecipeCatalogue.For(RecipeDataset.Cifar10))
        {
            output.Should().Contain(recipe.Name + ": " + recipe.Title).And.Contain(recipe.ReportedAccuracy);
        }

        output.Should().NotContain(RecipeCatalogue.FashionMnistDefault).And.Contain("* = not stated by the source; chosen by us.");
    }

    [Fact]
    public void A_valid_command_line_runs_with_the_resolved_settings()
    {
        SampleSettings? seen = null;
        int code = FashionMnistCli.Invoke(new[] { "--epochs", "4" }, s => { seen = s; return 17; }, TextWriter.Null, TextWriter.Null);

        code.Should().Be(17);
        seen!.Epochs.Should().Be(4);
    }

    [Fact]
    public void Dry_run_prints_the_resolved_recipe_as_json_and_loads_no_data()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistSample.Run(new[] { "--recipe", "fashion-mnist-001", "--dry-run", "--epochs", "3", "--data", "/nonexistent/fashion-mnist" }, output, error);

        code.Should().Be(SampleCommandLine.Success, error.ToString());
        var json = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        json["recipe"]!.GetValue<string>().Should().Be("fashion-mnist-001");
        json["epochs"]!.GetValue<int>().Should().Be(3);
        json["trainBatchSize"]!.GetValue<int>().Should().Be(64);
        error.ToString().Should().BeEmpty("nothing was loaded, so the missing --data folder is never looked at");
    }

    [Fact]
    public void Dry_run_of_a_cifar_recipe_needs_no_cifar_data()
    {
        var output = new StringWriter();

        int code = Cifar10Sample.Run(new[] { "--recipe", "cifar10-004", "--dry-run", "--data", "/nonexistent/cifar" }, output, new StringWriter());

        code.Should().Be(SampleCommandLine.Success);
        var json = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!;
        json["schedule"]!["resetOptimizer"]!.GetValue<bool>().Should().BeTrue();
    }
}
