using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AlexNet.Core.Models;
using AlexNet.Data.Images;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Models;

namespace AlexNet.Samples;

/// <summary>
/// <c>predict --model PATH [--top 5] [--json] IMAGE...</c>: the top-k classes of image files (or of every image in a
/// folder) with a trained model; <c>init-model</c> writes the model.json of a plain weights file, <c>scan</c> checks an
/// image folder. The model file is a checkpoint written by the samples or a PyTorch <c>.pth</c> /
/// <c>.safetensors</c> weights file (such as one written by <c>AlexNetWeights.Save</c>); its <c>model.json</c> (written by
/// the TransferLearning sample into its run folder; beside the file or in the folder above) gives the network, the class
/// names and the preprocessing. <c>predict --pretrained imagenet</c> uses torchvision's ImageNet weights instead
/// (<see cref="PretrainedSource"/>), and <c>evaluate</c> measures them on a validation folder (<see cref="EvaluateCommand"/>).
/// </summary>
public static class PredictSample
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the command; returns 0, 1 (a model or image could not be read, or a folder holds no image) or 2 (bad
    /// command line); every error is one line on <paramref name="error"/>.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var model = new Option<string?>("--model")
        {
            Description = "The model: a .ckpt checkpoint written by the samples, a run folder of the samples (its checkpoints/best.ckpt), or a PyTorch "
                + ".pth/.pt or .safetensors state dict (torchvision's keys); model.json beside it or in the folder above gives the network, classes "
                + "and preprocessing (init-model writes one). Or --pretrained imagenet instead.",
        }.ExistingFile(folderAllowed: true);
        var top = new Option<int>("--top") { Description = "How many classes to print per image.", DefaultValueFactory = _ => 5 }.AtLeast(1);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var card = new Option<string?>("--card") { Description = "The model.json to use (default: found beside the model file)." }.ExistingFile();
        var images = new Argument<string[]>("IMAGE") { Description = "Image files or folders (every image inside, recursively).", Arity = ArgumentArity.OneOrMore }.ExistingFilesOrFolders();
        var predict = new Command("predict", "Prints the top-k classes of image files with a trained model.") { model, top, json, card, images };
        var pretrained = new PretrainedSource();
        pretrained.AddTo(predict);
        predict.SetAction(parsed => (parsed.GetValue(pretrained.Name), parsed.GetValue(model)) switch
        {
            (not null, null) => PretrainedPredictCommand.Run(
                parsed, pretrained, parsed.GetValue(top), parsed.GetValue(json), parsed.GetValue(images)!, output, error),
            (null, { } path) => Predict(path, parsed.GetValue(top), parsed.GetValue(json), parsed.GetValue(card), parsed.GetValue(images)!, output),
            _ => throw new CommandLineUsageException("give either --model PATH or --pretrained imagenet."),
        });
        var root = new RootCommand("AlexNet.Lib prediction sample.")
        {
            predict, InitModelCommand.Create(output), ScanCommand.Create(output), EvaluateCommand.Create(output, error),
        };
        return SampleInvocation.Invoke("predict", root, args, output, error);
    }

    private static int Predict(string modelArgument, int top, bool json, string? cardPath, string[] inputs, TextWriter output)
    {
        string modelPath = ModelFiles.Resolve(modelArgument, "--model");
        cardPath ??= ModelCard.Find(modelPath) ?? throw new CommandLineUsageException(
            $"--model: no {ModelCard.FileName} beside {modelPath} or in the folder above; pass --card PATH, or write one with the Predict sample: "
            + $"init-model --weights {modelPath} --variant TorchVision --classes NAME,NAME...");
        ModelCard modelCard = ModelCard.Read(cardPath);
        using AlexNetModel network = modelCard.CreateModel();
        string loaded = ModelFiles.Load(modelPath, network);
        var classifier = new ImageClassifier(network, modelCard.Classes, modelCard.Decode(), modelCard.EvaluationTransform());
        var results = new List<ImagePrediction>();
        foreach (string input in inputs)
        {
            if (Directory.Exists(input))
            {
                int before = results.Count;
                results.AddRange(classifier.PredictFolder(input, top));
                if (results.Count == before)
                {
                    throw new InvalidDataException($"IMAGE: the folder {input} holds no image file (.jpg .jpeg .png .bmp .webp .gif); nothing to predict.");
                }
            }
            else
            {
                results.AddRange(classifier.PredictFiles(new[] { input }, top));
            }
        }

        if (json)
        {
            WriteJson(results, output);
        }
        else
        {
            output.WriteLine($"Model: {loaded}; {modelCard.Variant}, {modelCard.Classes.Count} classes.");
            WriteTable(results, output);
        }

        return results.Any(r => r.Error is not null) ? SampleCommandLine.Failure : SampleCommandLine.Success;
    }

    internal static void WriteTable(IReadOnlyList<ImagePrediction> results, TextWriter output)
    {
        int labelWidth = Math.Max(5, results.SelectMany(r => r.Top).Select(p => p.Label.Length).DefaultIfEmpty(5).Max());
        foreach (ImagePrediction result in results)
        {
            output.WriteLine();
            output.WriteLine(result.Path);
            if (result.Error is not null)
            {
                output.WriteLine($"  error: {result.Error}");
                continue;
            }

            output.WriteLine($"  {"rank",4}  {"label".PadRight(labelWidth)}  {"probability",11}");
            for (int i = 0; i < result.Top.Count; i++)
            {
                ClassPrediction p = result.Top[i];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1,4}  {p.Label.PadRight(labelWidth)}  {p.Probability,11:P2}"));
            }
        }
    }

    internal static void WriteJson(IReadOnlyList<ImagePrediction> results, TextWriter output)
    {
        var items = results.Select(r => new
        {
            image = r.Path,
            predictions = r.Top.Select(p => new { label = p.Label, index = p.Index, probability = p.Probability }),
            error = r.Error,
        });
        output.WriteLine(JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }));
    }
}
