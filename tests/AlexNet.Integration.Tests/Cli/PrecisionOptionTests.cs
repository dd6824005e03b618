using System;
using System.IO;
using AlexNet.Core.Precision;
using AlexNet.Samples;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Cli;

public class PrecisionOptionTests
{
    private static SampleCommandLine FashionMnistCli => new(FashionMnistSample.Definition);

    [Fact]
    public void The_default_fashion_mnist_recipe_trains_in_bf16_mixed_and_other_recipes_in_float32()
    {
        var (settings, error) = FashionMnistCli.Parse(Array.Empty<string>());
        var (other, _) = FashionMnistCli.Parse(new[] { "--recipe", "fashion-mnist-001" });

        error.Should().BeNull();
        settings!.Precision.Should().Be(TrainingPrecision.Bf16Mixed.ToString()).And.Be(RecipeCatalogue.Find(RecipeCatalogue.FashionMnistDefault)!.Precision);
        other!.Precision.Should().Be(TrainingPrecision.True32.ToString());
    }

    [Fact]
    public void Precision_overrides_the_recipe_and_is_kept_for_resume()
    {
        using var folder = new TempDirectory();
        var (settings, error) = FashionMnistCli.Parse(new[] { "--precision", "32-true", "--output", folder.Path });

        error.Should().BeNull();
        settings!.Precision.Should().Be(TrainingPrecision.True32.ToString());
        settings.Write(folder.Path);
        SampleSettings.Read(folder.Path).ForResume(folder.Path, null, null).Precision.Should().Be(TrainingPrecision.True32.ToString());
    }

    [Fact]
    public void An_unknown_precision_is_a_usage_error_naming_the_accepted_values()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        int code = FashionMnistCli.Invoke(new[] { "--precision", "bf16" }, _ => 0, output, error);

        code.Should().Be(SampleCommandLine.UsageError);
        error.ToString().Should().Be($"FashionMnist: --precision must be 32-true, bf16-mixed or 16-mixed; got 'bf16'. See --help.{Environment.NewLine}");
    }
}
