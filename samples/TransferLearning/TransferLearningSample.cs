using System.CommandLine;
using System.Globalization;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Interop;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Images;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Models;
using AlexNet.Samples.Common.Outputs;
using static TorchSharp.torch;

namespace AlexNet.Samples;

/// <summary>
/// Fine-tunes torchvision's AlexNet on a folder of the user's images (one sub-folder per class) with the paper's
/// pipeline: decode, shorter side 256, central 256 x 256, random 224 crops, flips, PCA lighting, normalize; ten-crop
/// evaluation at the end. Starts from a model file (<c>--weights</c>: a PyTorch <c>.pth</c> or <c>.safetensors</c> file
/// such as torchvision's ImageNet weights, or a checkpoint of the samples; the head is re-initialised for another class
/// count) with the feature layers frozen for the first epoch(s). Writes metrics, TensorBoard events,
/// checkpoints, plots, report.md and model.json (for the Predict sample) into the run folder.
/// </summary>
public static class TransferLearningSample
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the sample; returns 0, 1 (failed) or 2 (bad command line); every error is one line on <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var data = new Option<string>("--data") { Description = "The image folder: one sub-folder per class.", Required = true }.ExistingFolder();
        var weights = new Option<string?>("--weights") { Description = "Model file to start from: a PyTorch .pth/.pt or .safetensors state dict with torchvision's keys (such as torchvision's ImageNet alexnet-owt-7be5be79.pth), or a .ckpt of a TorchVision-variant AlexNet or the run folder holding it (its model.json gives its class count). With another class count the head is re-initialised. Without it: random initialisation, with a notice." }.ExistingFile(folderAllowed: true);
        var weightsClasses = new Option<int>("--weights-classes") { Description = "Classes of a --weights checkpoint that has no model.json (weights files need none: their shapes tell).", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 3 }.AtLeast(1);
        var freeze = new Option<int>("--freeze-epochs") { Description = "Epochs with the feature layers frozen.", DefaultValueFactory = _ => 1 }.AtLeast(0);
        var batch = new Option<int>("--batch-size") { Description = "Images per batch.", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var lr = new Option<double>("--lr") { Description = "SGD learning rate (momentum 0.9, weight decay 0.0005).", DefaultValueFactory = _ => 0.001 }.Between(0);
        var validation = new Option<double>("--validation-fraction") { Description = "Share of each class held out for validation.", DefaultValueFactory = _ => 0.2 }.Between(0, 1);
        var cache = new Option<int>("--cache-mb") { Description = "Decode the folder once into memory when the decoded images take at most this many MB; else decode per batch.", DefaultValueFactory = _ => 512 }.AtLeast(0);
        var skip = new Option<bool>("--skip-unreadable") { Description = "Leave out files that cannot be decoded (listed at the end) instead of stopping." };
        var outputDir = new Option<string?>("--output") { Description = "Run folder, new or empty (default runs/transfer-learning-TIMESTAMP)." }.NewOrEmptyFolder();
        var seed = new Option<long>("--seed") { Description = "Seed of the split, shuffling, augmentation and initialisation.", DefaultValueFactory = _ => 0 };
        var root = new RootCommand("Fine-tunes torchvision's AlexNet on a folder of your images, feature layers frozen for the first epoch.")
        {
            data, weights, weightsClasses, epochs, freeze, batch, lr, validation, cache, skip, outputDir, seed,
        };
        root.SetAction(p => Train(new Settings(
            p.GetValue(data)!, p.GetValue(weights), p.GetValue(weightsClasses), p.GetValue(epochs), p.GetValue(freeze), p.GetValue(batch), p.GetValue(lr),
            p.GetValue(validation), p.GetValue(cache), p.GetValue(skip),
            p.GetValue(outputDir) ?? Path.Combine("runs", "transfer-learning-" + DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            p.GetValue(seed)), output));
        return SampleInvocation.Invoke("TransferLearning", root, args, output, error);
    }

    private sealed record Settings(string Data, string? Weights, int WeightsClasses, int Epochs, int FreezeEpochs, int BatchSize, double LearningRate, double ValidationFraction, int CacheMb, bool SkipUnreadable, string Output, long Seed);

    /// <summary>Trains; an image that cannot be decoded, with skipping off, fails with a message that names --skip-unreadable.</summary>
    private static int Train(Settings s, TextWriter output)
    {
        try
        {
            return TrainOnFolder(s, output);
        }
        catch (Exception e) when (!s.SkipUnreadable && SampleInvocation.Unwrap(e) is ImageDecodeException decode)
        {
            throw new InvalidDataException($"{decode.Message.TrimEnd('.')}. Pass --skip-unreadable to leave out the files that cannot be decoded (they are listed at the end), or remove the file; the Predict sample's 'scan {s.Data}' lists every such file.", decode);
        }
    }

    private static int TrainOnFolder(Settings s, TextWriter output)
    {
        var folderOptions = new ImageFolderOptions { Decode = new ImageDecodeOptions { ShorterSide = 256, CenterCrop = 256 }, SkipUnreadable = s.SkipUnreadable };
        var all = ImageFolder.Scan(s.Data, folderOptions);
        var (trainSet, validationSet) = all.Split(s.ValidationFraction, s.Seed);
        if (trainSet.Count == 0 || validationSet.Count == 0)
        {
            throw new CommandLineUsageException(FormattableString.Invariant(
                $"--validation-fraction {s.ValidationFraction} leaves {trainSet.Count} image files for training and {validationSet.Count} for validation out of {all.Count}; both need at least one: change the fraction or add images."));
        }

        output.WriteLine($"Data: {all.Count:N0} image files in {all.Classes.Count} classes ({string.Join(", ", all.Classes)}) under {all.Root}; {trainSet.Count:N0} for training, {validationSet.Count:N0} for validation{(s.SkipUnreadable ? " (files that cannot be decoded are left out when read)" : string.Empty)}.");
        var card = new ModelCard { Variant = Variant.TorchVision, Classes = all.Classes.ToArray() };
        using (random.manual_seed(s.Seed))
        {
        }

        using AlexNetModel model = card.CreateModel();
        output.WriteLine(s.Weights is null
            ? "NOTICE: no --weights given: the network starts from random weights (fine-tuning needs a trained model file)."
            : "Weights: " + LoadBackbone(model, s.Weights, s.WeightsClasses));
        RunFolder folder = RunFolder.Create(s.Output); // after the weights load, so a bad file leaves no empty run folder
        card.Write(folder.Root);

        var loaderOptions = new DataLoaderOptions { BatchSize = s.BatchSize, Shuffle = true, Seed = s.Seed };
        var testOptions = new DataLoaderOptions { BatchSize = s.BatchSize, Shuffle = false };
        var trainPipeline = StandardPipelines.PaperTrain(224);
        var test = StandardPipelines.PaperTest(224);
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
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd, LearningRate = s.LearningRate, Sgd = { Momentum = 0.9 }, WeightDecay = 0.0005 },
            });
            owned.Add(trainer);
            var freeze = new FreezeFeaturesHook(model, s.FreezeEpochs);
            trainer.Hooks.Add(freeze);
            trainer.Hooks.Add(new ProgressHook(output));
            trainer.Hooks.Add(new MetricsHistoryHook(folder.MetricsCsv, folder.MetricsJsonLines));
            trainer.Hooks.Add(new TensorBoardHook(folder.TensorBoard));
            trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = folder.Checkpoints, Monitor = MetricNames.ValidationTop1, Mode = MetricMode.Max }));
            output.WriteLine($"Fine-tuning the {model.Variant} AlexNet for {s.Epochs} epoch(s), features frozen for {Math.Min(s.FreezeEpochs, s.Epochs)} epoch(s).");
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

    private static string NoneDecoded(ImageFolder set) =>
        $"--data: none of the {set.Count:N0} image files of {set.Name} could be decoded; the Predict sample's 'scan {set.Root}' lists each with its reason.";

    /// <summary>In memory when the decoded images fit the budget, else decoded per batch.</summary>
    private static IBatchSource Source(ImageFolder set, DataLoaderOptions options, AlexNet.Data.Transforms.ITransform transform, long budget, List<IDisposable> owned, TextWriter output)
    {
        IImageDataset dataset = set;
        if (set.DecodedBytes() <= budget)
        {
            ImageDataset images;
            try
            {
                images = set.LoadIntoMemory(budget);
            }
            catch (ImageDecodeException e) when (set.Options.SkipUnreadable)
            {
                // With skipping on, loading fails only when no file could be decoded.
                throw new InvalidDataException(NoneDecoded(set), e);
            }

            owned.Add(images);
            dataset = images;
            if (images.Count == 0)
            {
                throw new InvalidDataException(NoneDecoded(set));
            }

            string left = images.Count < set.Count ? $"; {set.Count - images.Count:N0} unreadable file(s) left out" : string.Empty;
            output.WriteLine($"{set.Name}: {images.Count:N0} images decoded once into memory ({images.Images.NumberOfElements / 1e6:N1} MB{left}).");
        }
        else
        {
            output.WriteLine($"{set.Name}: {set.Count:N0} images decoded batch by batch ({set.DecodedBytes() / 1e6:N0} MB decoded would exceed --cache-mb).");
        }

        var loader = new DataLoader(dataset, options, transform);
        owned.Add(loader);
        return loader;
    }

    /// <summary>
    /// Loads the model file at <paramref name="path"/> into <paramref name="model"/>: a PyTorch weights file
    /// (<c>.pth</c>, <c>.pt</c>, <c>.safetensors</c>; torchvision's keys, such as torchvision's ImageNet
    /// alexnet-owt-7be5be79.pth) directly, a checkpoint through a network of its own (from its model.json, or
    /// <paramref name="weightsClasses"/> classes). Every key and shape must match but the head's: when the file was made
    /// for another number of classes, its head is left out and the model's re-initialised (<see cref="WeightLoadOptions.ReplaceHead"/>).
    /// </summary>
    private static string LoadBackbone(AlexNetModel model, string path, int weightsClasses)
    {
        path = ModelFiles.Resolve(path, "--weights");
        Dictionary<string, Tensor>? read = null;
        AlexNetModel? checkpointModel = null;
        try
        {
            string described;
            IReadOnlyDictionary<string, Tensor> state;
            if (ModelFiles.IsWeightsFile(path))
            {
                read = AlexNetWeights.Read(path);
                state = read;
                described = $"weights file {path}";
            }
            else
            {
                string? cardPath = ModelCard.Find(path);
                ModelCard source = cardPath is not null ? ModelCard.Read(cardPath) : new ModelCard { Variant = Variant.TorchVision, Classes = Enumerable.Range(0, weightsClasses).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray() };
                checkpointModel = source.CreateModel();
                described = ModelFiles.Load(path, checkpointModel);
                state = checkpointModel.state_dict();
            }

            string headWeight = $"classifier.{model.Classifier.named_children().Last(c => c.module is TorchSharp.Modules.Linear).name}.weight";
            long fileClasses = state.TryGetValue(headWeight, out Tensor? head) ? head.shape[0] : model.NumClasses;
            bool replaceHead = fileClasses != model.NumClasses;
            WeightLoadResult result = AlexNetWeights.Load(model, state, path, new WeightLoadOptions { ReplaceHead = replaceHead });
            return replaceHead
                ? $"{described}: {result.LoadedKeys.Count} tensors loaded; its head for {fileClasses} classes replaced by a new one for {model.NumClasses} ({string.Join(", ", result.ReinitializedKeys)} re-initialised)."
                : $"{described}: {result.LoadedKeys.Count} tensors loaded, head kept ({model.NumClasses} classes).";
        }
        finally
        {
            foreach (Tensor t in read?.Values ?? Enumerable.Empty<Tensor>())
            {
                t.Dispose();
            }

            checkpointModel?.Dispose();
        }
    }

    private static void WriteReport(RunFolder folder, Settings s, ImageFolder all, ImageFolder train, ImageFolder validation, TrainingResult result, EvaluationResult tenCrop)
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
        OutputFile.WriteAllText(folder.Report, string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
