using System.CommandLine;
using System.Globalization;
using AlexNet.Core.Interop;
using AlexNet.Data.Images;

namespace AlexNet.Samples;

/// <summary>
/// <c>evaluate --pretrained imagenet --data DIR [--batch-size 32]</c>: top-1 and top-5 accuracy of pretrained weights on
/// an ImageNet validation folder (<see cref="ImageNetValidationFolder"/>), beside the figures torchvision reports for them.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var source = new PretrainedSource();
        var data = new Option<string>("--data")
        {
            Description = "The validation folder: one folder per class, named by class index (0-999) or by WordNet id "
                + "(all 1000, sorted as torchvision's ImageFolder sorts them).",
            Required = true,
        };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per forward pass.", DefaultValueFactory = _ => 32 };
        var command = new Command("evaluate", "Prints top-1/top-5 accuracy of pretrained weights on an ImageNet validation folder.") { data, batchSize };
        source.AddTo(command);
        source.Name.Required = true;
        command.SetAction(parsed => Run(parsed, source, parsed.GetValue(data)!, parsed.GetValue(batchSize), output, error));
        return command;
    }

    private static int Run(ParseResult parsed, PretrainedSource source, string data, int batchSize, TextWriter output, TextWriter error)
    {
        if (batchSize < 1)
        {
            error.WriteLine($"evaluate: --batch-size must be at least 1; got {batchSize}.");
            return 2;
        }

        using PretrainedModel? pretrained = source.Load(parsed, "evaluate", error, out int exitCode);
        if (pretrained is null)
        {
            return exitCode;
        }

        ImageNetValidationFolder folder;
        try
        {
            folder = ImageNetValidationFolder.Read(data, pretrained.Categories.Count);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            error.WriteLine($"evaluate: --data: {e.Message}");
            return 1;
        }

        ImageClassifier classifier = PretrainedSource.Classifier(pretrained);
        int top1 = 0, top5 = 0, unreadable = 0, i = 0;
        foreach (ImagePrediction prediction in classifier.PredictFiles(folder.Files, top: 5, batchSize))
        {
            int label = folder.Labels[i++];
            if (prediction.Error is not null)
            {
                unreadable++;
                error.WriteLine($"evaluate: skipped {prediction.Path}: {prediction.Error}");
                continue;
            }

            top1 += prediction.Top[0].Index == label ? 1 : 0;
            top5 += prediction.Top.Any(p => p.Index == label) ? 1 : 0;
        }

        int evaluated = folder.Files.Count - unreadable;
        output.WriteLine(PretrainedSource.Describe(pretrained));
        output.WriteLine($"Images: {evaluated} evaluated, {unreadable} unreadable; {folder.Layout}.");
        var reported = pretrained.Weights.Metrics;
        output.WriteLine(Line("top-1", top1, evaluated, reported?.GetValueOrDefault("acc@1")));
        output.WriteLine(Line("top-5", top5, evaluated, reported?.GetValueOrDefault("acc@5")));
        return evaluated == 0 ? 1 : 0;
    }

    private static string Line(string name, int correct, int total, double? reported)
    {
        double percent = total == 0 ? 0 : 100.0 * correct / total;
        string torchvision = reported is double r
            ? string.Create(CultureInfo.InvariantCulture, $" (torchvision reports {r:F3}% on the 50,000 validation images)")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{name}: {percent:F3}% ({correct} of {total}){torchvision}");
    }
}
