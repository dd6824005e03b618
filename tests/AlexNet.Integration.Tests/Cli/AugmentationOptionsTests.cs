using System.IO;
using AlexNet.Samples;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Cli;

/// <summary>The samples' augmentation options: --mixup, --cutmix, --mix-prob, --random-erasing, --trivial-augment.</summary>
public class AugmentationOptionsTests
{
    private static SampleCommandLine FashionMnistCli => new(FashionMnistSample.Definition);

    [Fact]
    public void The_options_override_the_recipe_and_reach_the_trainer_and_the_pipeline_settings()
    {
        var (settings, error) = FashionMnistCli.Parse(
            new[] { "--mixup", "0.4", "--cutmix", "1", "--mix-prob", "0.6", "--random-erasing", "0.3", "--trivial-augment" });

        error.Should().BeNull();
        settings!.Augmentation.Should().Be(
            new RecipeAugmentation { MixupAlpha = 0.4, CutMixAlpha = 1, MixProbability = 0.6, RandomErasing = 0.3, TrivialAugment = true });
        var mixing = settings.Augmentation.ToMixingOptions();
        mixing.MixupAlpha.Should().Be(0.4);
        mixing.CutMixAlpha.Should().Be(1);
        mixing.Probability.Should().Be(0.6);
    }

    [Fact]
    public void Without_the_options_a_recipe_keeps_its_own_augmentation_and_trivial_augment_false_turns_it_off()
    {
        var (quick, _) = FashionMnistCli.Parse(System.Array.Empty<string>());
        var (augmented, _) = FashionMnistCli.Parse(new[] { "--recipe", RecipeCatalogue.FashionMnistAugmentedName });
        var (off, _) = FashionMnistCli.Parse(new[] { "--recipe", RecipeCatalogue.FashionMnistAugmentedName, "--trivial-augment", "false" });

        quick!.Augmentation.Should().Be(RecipeAugmentation.None);
        augmented!.Augmentation.Should().Be(augmented.Recipe.Augmentation);
        augmented.Augmentation.TrivialAugment.Should().BeTrue();
        off!.Augmentation.TrivialAugment.Should().BeFalse();
    }

    [Fact]
    public void Dry_run_shows_the_augmentation_after_the_overrides()
    {
        var output = new StringWriter();

        int code = FashionMnistSample.Run(new[] { "--dry-run", "--mixup", "0.2", "--random-erasing", "0.5" }, output, new StringWriter());

        code.Should().Be(SampleCommandLine.Success);
        var json = System.Text.Json.Nodes.JsonNode.Parse(output.ToString())!["augmentation"]!;
        json["mixupAlpha"]!.GetValue<double>().Should().Be(0.2);
        json["randomErasing"]!.GetValue<double>().Should().Be(0.5);
        json["trivialAugmentWide"]!.GetValue<bool>().Should().BeFalse();
        json["mixMode"]!.GetValue<string>().Should().Be("element");
    }

    [Theory]
    [InlineData("--mixup", "-1", "--mixup must be a number of 0 or more (0 turns it off); got '-1'.")]
    [InlineData("--mix-prob", "1.5", "--mix-prob must be a probability in [0, 1]; got '1.5'.")]
    [InlineData("--random-erasing", "x", "--random-erasing must be a probability in [0, 1]; got 'x'.")]
    public void A_bad_value_is_one_line_naming_the_option_and_exit_code_2(string option, string value, string message)
    {
        var error = new StringWriter();

        int code = FashionMnistSample.Run(new[] { "--dry-run", option, value }, new StringWriter(), error);

        code.Should().Be(SampleCommandLine.UsageError);
        error.ToString().Should().Be($"FashionMnist: {message} See --help.{System.Environment.NewLine}");
    }
}
