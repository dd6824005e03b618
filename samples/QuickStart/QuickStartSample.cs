using AlexNet.Core.Abstractions;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using AlexNet.Samples.Common.Recipes;
using AlexNet.Samples.Common.Runs;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Samples;

/// <summary>
/// The smallest tour of the library, with no data and no arguments: builds each variant and prints its summary,
/// runs the full-size networks forward once, trains the CIFAR batch-norm variant for a few steps on synthetic
/// images, saves its weights and a checkpoint, reloads the weights into a new model and checks that it computes
/// exactly the same outputs. Exits with 1 when they differ.
/// </summary>
public static class QuickStartSample
{
    /// <summary>
    /// Entry point: the tour without arguments; <c>summary</c> prints write-up 003's comparison of the paper's and
    /// torchvision's AlexNet (<see cref="Summary003Command"/>); <c>summary --dry-run</c> prints its recipe as JSON.
    /// </summary>
    public static int Main(string[] args) => Run(args ?? Array.Empty<string>(), Console.Out, Console.Error);

    /// <summary>Runs what <paramref name="args"/> ask for; returns the exit code (2 for unknown arguments).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        switch (args)
        {
            case []:
                return Run(output);
            case ["summary"]:
                return Summary003Command.Run(output);
            case ["summary", "--dry-run"]:
                output.WriteLine(RecipeDryRun.ToJson(RecipeCatalogue.Find(RecipeCatalogue.Summary003)!));
                return 0;
            default:
                error.WriteLine($"QuickStart: unknown arguments '{string.Join(" ", args)}'. Usage: QuickStart [summary [--dry-run]].");
                return 2;
        }
    }

    /// <summary>Runs the tour, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        torch.manual_seed(0);

        // 1. Every variant, its layer table and one forward pass of two images.
        foreach (Variant variant in Enum.GetValues<Variant>())
        {
            using AlexNetModel model = AlexNetFactory.Create(variant, numClasses: 10);
            output.WriteLine(ModelSummary.Of(model).ToText());
            model.eval();
            using (NewDisposeScope())
            {
                ImageSize size = model.Descriptor.NominalInputSize;
                Tensor logits = model.call(randn(2, model.InputChannels, size.Height, size.Width));
                output.WriteLine(Invariant($"Variant.{variant}: input [2, {model.InputChannels}, {size.Height}, {size.Width}] -> logits [{string.Join(", ", logits.shape)}]"));
                output.WriteLine();
            }
        }

        // 2. A few training steps of the CIFAR batch-norm variant on synthetic 32 x 32 images.
        string[] classes = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };
        using ImageDataset images = SyntheticImages.Create(256, 3, 32, classes, seed: 0, "synthetic 3 x 32 x 32");
        using var loader = new DataLoader(images, new DataLoaderOptions { BatchSize = 32, Seed = 0 }, ImageTransforms.Compose(ImageTransforms.ToFloat()));
        using AlexNetModel cifar = AlexNetFactory.Create(Variant.CifarBatchNorm, classes.Length);
        using var trainer = new Trainer(cifar, new TrainerOptions
        {
            Epochs = 2,
            Device = "cpu",
            LogInterval = 4,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 1e-3, WeightDecay = 0 },
        });
        TrainingResult result = trainer.Fit(loader);
        EpochMetrics last = result.LastEpoch!;
        output.WriteLine(Invariant($"Trained {result.GlobalStep} steps on {images.Name}: train loss {last[MetricNames.TrainLoss]:F4}, train top-1 {last[MetricNames.TrainTop1] * 100:F1}%"));

        // 3. Save the weights and a checkpoint; reload the weights into a new model; compare outputs.
        string folder = Path.Combine(Path.GetTempPath(), "alexnet-quickstart-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string weights = Path.Combine(folder, "cifar-bn.weights");
            string checkpoint = Path.Combine(folder, "cifar-bn.ckpt");
            cifar.save(weights);
            trainer.SaveCheckpoint(checkpoint);
            output.WriteLine(Invariant($"Saved the weights ({new FileInfo(weights).Length:N0} bytes) and a checkpoint ({new FileInfo(checkpoint).Length:N0} bytes) in {folder}"));

            using AlexNetModel reloaded = AlexNetFactory.Create(Variant.CifarBatchNorm, classes.Length);
            reloaded.load(weights);
            cifar.eval();
            reloaded.eval();
            using (NewDisposeScope())
            using (Batch batch = loader.GetBatch(epoch: 0, batchIndex: 0))
            {
                Tensor before = cifar.call(batch.Images);
                Tensor after = reloaded.call(batch.Images);
                float difference = (after - before).abs().max().item<float>();
                output.WriteLine(Invariant($"Reloaded model's logits on a batch of {batch.Count}: {(difference == 0 ? "identical" : "DIFFERENT")} (max |difference| {difference})"));
                if (difference != 0)
                {
                    return 1;
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        output.WriteLine("QuickStart finished.");
        return 0;
    }
}
