using System.CommandLine;
using AlexNet.Core.Models;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Models;

namespace AlexNet.Samples;

/// <summary>
/// <c>init-model --weights FILE --variant NAME --classes A,B,...</c>: writes the <c>model.json</c> (docs/image-folders.md)
/// that a plain weights file needs for <c>predict</c>, after checking that the file loads into the network it
/// describes. It never overwrites a file.
/// </summary>
internal static class InitModelCommand
{
    public static Command Create(TextWriter output)
    {
        var weights = new Option<string?>("--weights")
        {
            Description = "The model file: a PyTorch .pth/.pt or .safetensors state dict (torchvision's keys), or a .ckpt checkpoint of the samples.",
            Required = true,
        }.ExistingFile();
        var variant = new Option<string>("--variant")
        {
            Description = $"The network: {string.Join(", ", Enum.GetNames<Variant>())}.",
            DefaultValueFactory = _ => nameof(Variant.TorchVision),
        };
        variant.Validators.Add(result =>
        {
            string name = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!Enum.GetNames<Variant>().Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"--variant must be one of {string.Join(", ", Enum.GetNames<Variant>())}; got '{name}'.");
            }
        });
        var classes = new Option<string?>("--classes") { Description = "The class names in the model's output order, separated by commas." };
        var classesFile = new Option<string?>("--classes-file")
        {
            Description = "A text file with one class name per line, in the model's output order (instead of --classes).",
        }.ExistingFile();
        var width = new Option<int?>("--classifier-width") { Description = "Width of the hidden fully connected layers [default: the variant's]." };
        var shorterSide = new Option<int>("--shorter-side")
        {
            Description = "Evaluation: resize the shorter side to this length.",
            DefaultValueFactory = _ => 256,
        }.AtLeast(1);
        var crop = new Option<int>("--crop-size")
        {
            Description = "Evaluation: the central square the network sees.",
            DefaultValueFactory = _ => 224,
        }.AtLeast(1);
        var cardPath = new Option<string?>("--output") { Description = $"Where to write the card [default: {ModelCard.FileName} beside the weights file]." };
        string about = $"Writes the {ModelCard.FileName} (network, class names, preprocessing) of a weights file, once the weights load into it.";
        var command = new Command("init-model", about)
        {
            weights, variant, classes, classesFile, width, shorterSide, crop, cardPath,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(classes) is null) == (result.GetResult(classesFile) is null))
            {
                result.AddError("init-model needs the class names: give --classes A,B,... or --classes-file FILE (one of them).");
            }
        });
        command.SetAction(parsed =>
        {
            string weightsPath = parsed.GetValue(weights)!;
            string path = parsed.GetValue(cardPath) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(weightsPath))!, ModelCard.FileName);
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new CommandLineUsageException($"--output: {path} already exists; remove it or name another file with --output.");
            }

            var card = new ModelCard
            {
                Variant = Enum.Parse<Variant>(parsed.GetValue(variant)!, ignoreCase: true),
                Classes = ClassNames(parsed.GetValue(classes), parsed.GetValue(classesFile)),
                ClassifierWidth = parsed.GetValue(width),
                ShorterSide = parsed.GetValue(shorterSide),
                CropSize = parsed.GetValue(crop),
            };
            IReadOnlyList<string> problems = ModelCardRules.Problems(card);
            if (problems.Count > 0)
            {
                throw new CommandLineUsageException($"init-model: {string.Join("; ", problems)}.");
            }

            using (AlexNetModel model = card.CreateModel())
            {
                output.WriteLine($"Checked: {ModelFiles.Load(weightsPath, model)} fits {card.Variant} with {card.Classes.Count} classes.");
            }

            card.WriteFile(path);
            output.WriteLine($"Wrote {path}. Predict with: predict --model {weightsPath} IMAGE...");
            return SampleCommandLine.Success;
        });
        return command;
    }

    private static string[] ClassNames(string? list, string? file)
    {
        if (file is not null)
        {
            if (new FileInfo(file).Length > ModelCard.MaxFileBytes)
            {
                throw new CommandLineUsageException(
                    $"--classes-file: {file} is larger than {ModelCard.MaxFileBytes:N0} bytes; it should hold one class name per line.");
            }

            return File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        }

        return list!.Split(',', StringSplitOptions.TrimEntries);
    }
}
