using System.CommandLine;
using AlexNet.Core.Interop;
using AlexNet.Data.Images;

namespace AlexNet.Samples;

/// <summary><c>predict --pretrained imagenet [--top 5] [--json] IMAGE...</c>: the top-k ImageNet class names of image files.</summary>
internal static class PretrainedPredictCommand
{
    public static int Run(ParseResult parsed, PretrainedSource source, int top, bool json, string[] inputs, TextWriter output, TextWriter error)
    {
        if (top < 1)
        {
            error.WriteLine($"predict: --top must be at least 1; got {top}.");
            return 2;
        }

        using PretrainedModel? pretrained = source.Load(parsed, "predict", error, out int exitCode);
        if (pretrained is null)
        {
            return exitCode;
        }

        ImageClassifier classifier = PretrainedSource.Classifier(pretrained);
        var results = new List<ImagePrediction>();
        foreach (string input in inputs)
        {
            results.AddRange(Directory.Exists(input) ? classifier.PredictFolder(input, top) : classifier.PredictFiles(new[] { input }, top));
        }

        if (json)
        {
            PredictSample.WriteJson(results, output);
        }
        else
        {
            output.WriteLine(PretrainedSource.Describe(pretrained));
            PredictSample.WriteTable(results, output);
        }

        return results.Any(r => r.Error is not null) ? 1 : 0;
    }
}
