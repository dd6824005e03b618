using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Recipes;
using AlexNet.Samples.Common.Models;
using AlexNet.Samples.Common.Outputs;
using static TorchSharp.torch;

namespace AlexNet.Samples;

/// <summary>
/// Fine-tunes torchvision's AlexNet on a folder of the user's images (one sub-folder per class) with the paper's
/// pipeline: decode, shorter side 256, central 256 x 256, random 224 crops, flips, PCA lighting, normalize; ten-crop
/// evaluation at the end. Starts from a model file (<c>--weights</c>: a checkpoint for now; PyTorch weights files when
/// the interop loader lands) with the feature layers frozen for the first epoch(s). Writes metrics, TensorBoard events,
/// checkpoints, plots, report.md and model.json (for the Predict sample) into the run folder.
/// </summary>
public static class TransferLearningSample
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the sample; returns 0, 1 (failed) or 2 (bad command line).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "The image folder: one sub-folder per class.", Required = true };
        var weights = new Option<string?>("--weights") { Description = "Model file to start from (a .ckpt of a TorchVision-variant AlexNet; its model.json gives its class count). Without it: random initialisation, with a notice." };
        var weightsClasses = new Option<int>("--weights-classes") { Description = "Classes of the --weights model when it has no model.json.", DefaultValueFactory = _ => 1000 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 3 };
        var freeze = new Option<int>("--freeze-epochs") { Description = "Epochs with the feature layers frozen.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch-size") { Description = "Images per batch.", DefaultValueFactory = _ => 32 };
        var lr = new Option<double>("--lr") { Description = "SGD learning rate (momentum 0.9, weight decay 0.0005).", DefaultValueFactory = _ => 0.001 };
        var validation = new Option<double>("--validation-fraction") { Description = "Share of each class held out for validation.", DefaultValueFactory = _ => 0.2 };
        var cache = new Option<int>("--cache-mb") { Description = "Decode the folder once into memory when the decoded images take at most this many MB; else decode per batch.", DefaultValueFactory = _ => 512 };
        var skip = new Option<bool>("--skip-unreadable") { Description = "Leave out files that cannot be decoded (listed at the end) instead of stopping." };
        var outputDir = new Option<string?>("--output") { Description = "Run folder (default runs/transfer-learning-TIMESTAMP)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the split, shuffling, augmentation and initialisation.", DefaultValueFactory = _ => 0 };
        var root = new RootCommand("Fine-tunes torchvision's AlexNet on a folder of your images, feature layers frozen for the first epoch.")
        {
            data, weights, weightsClasses, epochs, freeze, batch, lr, validation, cache, skip, outputDir, seed,
        };
        root.SetAction(p => Train(new Settings(
            p.GetValue(data)!, p.GetValue(weights), p.GetValue(weightsClasses), p.GetValue(epochs), p.GetValue(freeze), p.GetValue(batch), p.GetValue(lr),
            p.GetValue(validation), p.GetValue(cache), p.GetValue(skip),
            p.GetValue(outputDir) ?? Path.Combine("runs", "transfer-learning-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            p.GetValue(seed)), output, error));
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private sealed record Settings(string Data, string? Weights, int WeightsClasses, int Epochs, int FreezeEpochs, int BatchSize, double LearningRate, double ValidationFraction, int CacheMb, bool SkipUnreadable, string Output, long Seed);

    private static int Train(Settings s, TextWriter output, TextWriter error)
    {
        try
        {
            var folderOptions = new ImageFolderOptions { Decode = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256 }, SkipUnreadable = s.SkipUnreadable };
            var all = ImageFolderDataset.Scan(s.Data, folderOptions);
            var (trainSet, validationSet) = all.Split(s.ValidationFraction, s.Seed);
            output.WriteLine($"Data: {all.Count:N0} images in {all.Classes.Count} classes ({string.Join(", ", all.Classes)}) under {all.Root}; training on {trainSet.Count:N0}, validating on {validationSet.Count:N0}.");
            var card = new ModelCard { Variant = Variant.TorchVision, Classes = all.Classes.ToArray() };
            RunFolder folder = RunFolder.Create(s.Output);
            card.Write(folder.Root);

            using (random.manual_seed(s.Seed))
            {
            }

            using AlexNetModel model = card.CreateModel();
            output.WriteLine(s.Weights is null
                ? "NOTICE: no --weights given: the network starts from random weights (fine-tuning needs a trained model file)."
                : "Weights: " + LoadBackbone(model, s.Weights, s.WeightsClasses));

            var loaderOptions = new DataLoaderOptions { BatchSize = s.BatchSize, Shuffle = true, Seed = s.Seed };
            var testOptions = new DataLoaderOptions { BatchSize = s.BatchSize, Shuffle = false };
            var trainPipeline = RecipePipelines.PaperTrain(224);
            var test = RecipePipelines.PaperTest(224);
            long budget = (long)s.CacheMb << 20;
            var owned = new List<IDisposable>();
            try
            {
                IBatchSource train = Source(trainSet, loaderOptions, trainPipeline, budget, owned, output);
                IBatchSource validate = Source(validationSet, testOptions, test.Transform, budget, owned, output);
                var trainer = new Trainer(model, new TrainerOptions
                {
                    Epochs = s.Epochs,
                    Device = "cpu",
                    Seed = s.Seed,
                    LogInterval = Math.Max(1, train.BatchesPerEpoch / 5),
                    Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = s.LearningRate, Momentum = 0.9, WeightDecay = 0.0005 },
                });
                owned.Add(trainer);
                var freeze = new FreezeFeaturesHook(model, s.FreezeEpochs);
                trainer.Hooks.Add(freeze);
                trainer.Hooks.Add(new ProgressHook(output));
                trainer.Hooks.Add(new MetricsHistoryHook(folder.MetricsCsv, folder.MetricsJsonLines));
                trainer.Hooks.Add(new TensorBoardHook(folder.TensorBoard));
                trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = folder.Checkpoints, Monitor = MetricNames.ValidationTop1, Mode = MetricMode.Max }));
                output.WriteLine($"Training {model.Variant} AlexNet on cpu: {s.Epochs} epochs of {train.BatchesPerEpoch} batches; features frozen for {Math.Min(s.FreezeEpochs, s.Epochs)} epoch(s).");
                TrainingResult result = trainer.Fit(train, validate);
                EvaluationResult tenCrop = trainer.Evaluate(validate, test.Views);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Validation with the paper's ten-crop: top-1 {tenCrop.Top1:P2}, top-5 {tenCrop.Top5:P2}, loss {tenCrop.Loss:F4} on {tenCrop.Samples:N0} images."));
                RunPlots.WriteEpochCharts(folder, result.History);
                if (tenCrop.ConfusionMatrix is { } matrix)
                {
                    RunPlots.WriteConfusionMatrix(folder, matrix, all.Classes, "Validation confusion matrix (ten-crop)");
                }

                WriteReport(folder, s, all, trainSet, validationSet, result, tenCrop);
                if (all.Unreadable.Count > 0)
                {
                    output.WriteLine($"Skipped {all.Unreadable.Count} unreadable file(s):");
                    foreach (UnreadableImage u in all.Unreadable)
                    {
                        output.WriteLine($"  {u.Path}: {u.Reason}");
                    }
                }

                output.WriteLine($"Report, plots, metrics, TensorBoard events, checkpoints and {ModelCard.FileName} in {folder.Root}");
                output.WriteLine($"Predict with: dotnet run -c Release --project samples/Predict -- predict --model {Path.Combine(folder.Checkpoints, CheckpointFile.BestFileName)} --top 5 IMAGE...");
                return 0;
            }
            finally
            {
                owned.Reverse();
                owned.ForEach(d => d.Dispose());
            }
        }
        catch (Exception e) when (e is DatasetException or CheckpointException or NotSupportedException or InsufficientMemoryException)
        {
            error.WriteLine($"TransferLearning: {e.Message}");
            return 1;
        }
    }

    /// <summary>In memory when the decoded images fit the budget, else decoded per batch.</summary>
    private static IBatchSource Source(ImageFolderDataset set, DataLoaderOptions options, AlexNet.Data.Transforms.ITransform transform, long budget, List<IDisposable> owned, TextWriter output)
    {
        if (set.DecodedBytes() <= budget)
        {
            ImageDataset images = set.LoadIntoMemory(budget);
            owned.Add(images);
            var loader = new DataLoader(images, options, transform);
            owned.Add(loader);
            output.WriteLine($"{set.Name}: {images.Count:N0} images decoded once into memory ({images.Images.NumberOfElements / 1e6:N1} MB).");
            return loader;
        }

        output.WriteLine($"{set.Name}: {set.Count:N0} images decoded batch by batch ({set.DecodedBytes() / 1e6:N0} MB decoded would exceed --cache-mb).");
        return new ImageFolderLoader(set, options, transform);
    }

    /// <summary>
    /// Loads the model file into a network of its own class count, then copies every layer whose name and shape match
    /// (all but the last classifier layer when the class counts differ) into <paramref name="model"/>.
    /// </summary>
    private static string LoadBackbone(AlexNetModel model, string path, int weightsClasses)
    {
        string? cardPath = ModelCard.Find(path);
        ModelCard source = cardPath is not null ? ModelCard.Read(cardPath) : new ModelCard { Variant = Variant.TorchVision, Classes = Enumerable.Range(0, weightsClasses).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray() };
        using AlexNetModel pretrained = source.CreateModel();
        string loaded = ModelFiles.Load(path, pretrained);
        var from = pretrained.state_dict();
        var kept = new List<string>();
        var fresh = new List<string>();
        using (no_grad())
        {
            foreach (var (name, tensor) in model.state_dict())
            {
                if (from.TryGetValue(name, out var value) && value.shape.SequenceEqual(tensor.shape))
                {
                    tensor.copy_(value);
                    kept.Add(name);
                }
                else
                {
                    fresh.Add(name);
                }
            }
        }

        return $"{loaded}: {kept.Count} tensors copied, {fresh.Count} new ({(fresh.Count == 0 ? "none" : string.Join(", ", fresh))}).";
    }

    private static void WriteReport(RunFolder folder, Settings s, ImageFolderDataset all, ImageFolderDataset train, ImageFolderDataset validation, TrainingResult result, EvaluationResult tenCrop)
    {
        var lines = new List<string>
        {
            "# Transfer learning run",
            string.Empty,
            $"- data: {all.Root}, {all.Count:N0} images, {all.Classes.Count} classes; {train.Count:N0} training, {validation.Count:N0} validation (seed {s.Seed})",
            $"- start: {s.Weights ?? "random initialisation (no --weights)"}; features frozen for {s.FreezeEpochs} epoch(s)",
            "- pipeline: shorter side 256, central 256 x 256, random 224 crop, flip, PCA lighting, ImageNet normalize; ten-crop evaluation",
            $"- optimizer: SGD lr {s.LearningRate.ToString(CultureInfo.InvariantCulture)}, momentum 0.9, weight decay 0.0005; batch {s.BatchSize}; {result.EpochsCompleted} epochs in {result.Elapsed:hh\\:mm\\:ss}",
            string.Create(CultureInfo.InvariantCulture, $"- **validation, ten-crop: top-1 {tenCrop.Top1:P2}, top-5 {tenCrop.Top5:P2}, loss {tenCrop.Loss:F4}**"),
            $"- unreadable files skipped: {all.Unreadable.Count}",
            string.Empty,
            "![Loss](loss.png) ![Accuracy](accuracy.png) ![Confusion matrix](confusion-matrix.png)",
            string.Empty,
            $"metrics.csv, tensorboard/, checkpoints/ ({CheckpointFile.LastFileName}, {CheckpointFile.BestFileName}) and {ModelCard.FileName} (for the Predict sample) are in this folder.",
        };
        AtomicFile.WriteAllText(folder.Report, string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
