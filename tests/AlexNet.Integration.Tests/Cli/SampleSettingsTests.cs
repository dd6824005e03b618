using System.IO;
using AlexNet.Core.Precision;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Cli;

public class SampleSettingsTests
{
    private static SampleSettings Settings(string output) => new()
    {
        Recipe = RecipeCatalogue.Find(RecipeCatalogue.FashionMnistDefault)!,
        Epochs = 3,
        BatchSize = 64,
        TrainSubset = 1_000,
        LearningRate = 0.01,
        Device = "cpu",
        Precision = TrainingPrecision.Bf16Mixed.ToString(),
        OutputDirectory = output,
        DataPath = "data",
        Download = true,
        Seed = 5,
    };

    [Fact]
    public void Stored_settings_keep_the_run_and_leave_out_the_output_folder_and_the_one_off_switches()
    {
        using var folder = new TempDirectory();
        SampleSettings settings = Settings(folder.Path);

        settings.Write(folder.Path);
        string json = File.ReadAllText(folder.File(SampleSettings.FileName));
        SampleSettings resumed = SampleSettings.Read(folder.Path).ForResume(folder.Path, epochs: 4, device: null);

        json.Should().Contain("\"Recipe\": \"fashion-mnist-quick\"").And.NotContain("OutputDirectory").And.NotContain("Download").And.NotContain("Resume");
        resumed.Should().Be(settings with { Epochs = 4, DataPath = Path.GetFullPath("data"), Download = false, Resume = true });
    }

    [Fact]
    public void Settings_stored_before_the_precision_option_resume_in_float32()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(SampleSettings.FileName), """
            { "Recipe": "fashion-mnist-001", "Epochs": 2, "BatchSize": 64, "TrainSubset": null, "TestSubset": 500,
              "LearningRate": 0.001, "Device": "auto", "DataPath": "/data/fm", "DataPathGiven": true, "Synthetic": false, "Seed": 9 }
            """);

        SampleSettings resumed = SampleSettings.Read(folder.Path).ForResume(folder.Path, epochs: null, device: "cpu");

        resumed.Recipe.Name.Should().Be("fashion-mnist-001");
        resumed.Precision.Should().Be(TrainingPrecision.True32.ToString());
        resumed.Device.Should().Be("cpu");
        resumed.TestSubset.Should().Be(500);
        resumed.OutputDirectory.Should().Be(folder.Path);
        resumed.Resume.Should().BeTrue();
    }

    [Fact]
    public void Stored_settings_naming_an_unknown_recipe_are_refused_with_the_file_and_the_name()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File(SampleSettings.FileName), """{ "Recipe": "nope", "Epochs": 2, "BatchSize": 64, "LearningRate": 0.001, "Device": "auto", "DataPath": "/d" }""");

        var act = () => SampleSettings.Read(folder.Path);

        act.Should().Throw<IOException>().WithMessage($"{folder.File(SampleSettings.FileName)}: not the settings of a sample run (unknown recipe 'nope'*");
    }
}
