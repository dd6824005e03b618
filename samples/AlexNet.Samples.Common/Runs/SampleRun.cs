using System.Diagnostics;
using System.Globalization;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Distributed;
using AlexNet.Core.Metrics;
using AlexNet.Core.Models;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Samples.Common.Cli;
using AlexNet.Samples.Common.Outputs;
using AlexNet.Samples.Common.Recipes;
using TorchSharp;
using static System.FormattableString;
using static TorchSharp.torch;

namespace AlexNet.Samples.Common.Runs;

/// <summary>
/// Runs a recipe end to end with the library: subsets, model (<see cref="AlexNetFactory"/>), pipelines and
/// <see cref="DataLoader"/>s, a <see cref="Trainer"/> with progress, metrics-file, TensorBoard and checkpoint hooks,
/// a test evaluation at every epoch (and a ten-crop one at the end where the recipe asks), then the plots and the
/// report in the run's folder.
/// </summary>
public static class SampleRun
{
    /// <summary>Trains and evaluates as <paramref name="settings"/> say, writing progress to <paramref name="output"/>.</summary>
    /// <param name="settings">The recipe and overrides.</param>
    /// <param name="data">The full training and test sets (the run takes its subsets itself); not disposed here.</param>
    /// <param name="commandLine">The command that started the run, for the report.</param>
    /// <param name="output">Progress and the final lines.</param>
    /// <param name="cancellationToken">Stops training within one batch; <c>last.ckpt</c> is saved first.</param>
    /// <exception cref="IOException">The output folder already holds files (or, resuming, does not exist).</exception>
    /// <exception cref="CheckpointException">Resuming: last.ckpt is unreadable or made for another model.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static RunOutcome Execute(SampleSettings settings, SampleData data, string commandLine, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(output);
        var clock = Stopwatch.StartNew();
        string? loadAtStart = MachineLoad.OneMinute();
        Recipe recipe = settings.Recipe;
        Device device = DeviceSpec.Parse(settings.Device, "--device").Resolve("--device");
        bool leader = DistributedLaunch.Rank == 0; // under mpirun only rank 0 prints and writes (docs/distributed.md)
        output = leader ? output : TextWriter.Null;
        RunFolder folder = !leader ? RunFolder.At(settings.OutputDirectory)
            : settings.Resume ? RunFolder.Open(settings.OutputDirectory) : RunFolder.Create(settings.OutputDirectory);
        if (leader)
        {
            settings.Write(folder.Root);
        }

        using var train = Subset(data.Train, settings.TrainSubset, settings.Seed);
        using var test = Subset(data.Test, settings.TestSubset, settings.Seed + 1);
        output.WriteLine(Invariant($"{recipe.Name}: {recipe.Title}"));
        output.WriteLine(Invariant($"Data: {data.Description}; training on {Count(train.Dataset, data.Train)}, testing on {Count(test.Dataset, data.Test)}."));

        torch.manual_seed(settings.Seed);
        using AlexNetModel model = AlexNetFactory.Create(recipe.Variant, data.Train.Classes.Count, recipe.CreateModelOptions((int)train.Dataset.Channels));
        RecipePipelineSet pipelines = RecipePipelineFactory.Create(recipe, train.Dataset);
        using Loaders loaders = CreateLoaders(train.Dataset, test.Dataset, pipelines, settings, device);
        using Trainer trainer = CreateTrainer(model, settings, loaders.Train.BatchesPerEpoch, folder, output);
        if (trainer.WorldSize > 1)
        {
            output.WriteLine(Invariant($"Distributed over MPI: world size {trainer.WorldSize}, each rank on its shard in batches of {settings.BatchSize}."));
        }

        if (settings.Resume)
        {
            trainer.Resume("last");
        }

        if (settings.Parts.LearningRateFind)
        {
            var sweep = trainer.FindLearningRate(loaders.Train, cancellationToken: cancellationToken);
            string picture = LearningRateFinderOutput.Write(folder, sweep);
            string suggested = sweep.SuggestedLearningRate?.ToString("G3", CultureInfo.InvariantCulture) ?? "none (too few steps)";
            string stopped = sweep.Diverged ? ", stopped on divergence" : string.Empty;
            output.WriteLine(Invariant($"Learning-rate range test: {sweep.LearningRates.Count} steps{stopped}; suggested rate {suggested}; plot {picture}"));
            return new RunOutcome(folder, double.NaN, 0, 0, clock.Elapsed);
        }

        TrainingResult result;
        EvaluationResult final;
        string procedure = "the last epoch's model";
        try
        {
            result = trainer.Fit(loaders.Train, loaders.Test, cancellationToken);
            final = trainer.State.Validation ?? throw new InvalidOperationException("Training ended before the first test evaluation.");
            if (pipelines.TestViews is { } views)
            {
                output.WriteLine(Invariant($"Evaluating with {views.ViewCount} views per image ({views.GetType().Name})..."));
                final = trainer.Evaluate(loaders.Test, views, cancellationToken);
                procedure += Invariant($", {views.ViewCount} views per image averaged ({views.GetType().Name})");
            }
        }
        catch (OperationCanceledException)
        {
            output.WriteLine(Invariant($"Cancelled. The training state at the last finished batch is in {Path.Combine(folder.Checkpoints, CheckpointFile.LastFileName)} (continue with --resume {folder.Root})."));
            throw;
        }

        long imagesSeen = checked((long)result.EpochsCompleted * loaders.Train.SamplesPerEpoch * trainer.WorldSize);
        string load = RunReport.LoadText(loadAtStart, MachineLoad.OneMinute());
        if (leader)
        {
            RunPlots.WriteEpochCharts(folder, result.History);
            RunPlots.WriteConfusionMatrix(folder, final.ConfusionMatrix!, data.Test.Classes, Invariant($"{recipe.Name}: test confusion matrix"));
            RunReport report = Report(settings, data, train.Dataset, test.Dataset, model, pipelines, device, result, final, procedure, commandLine, folder, clock.Elapsed) with
            {
                ImagesSeen = imagesSeen,
                Load = load,
            };
            OutputFile.WriteAllText(folder.Report, report.ToMarkdown());
        }

        output.WriteLine(Invariant($"Test accuracy: {final.Top1 * 100:F2}% top-1, {final.Top5 * 100:F2}% top-5, loss {final.Loss:F4} on {final.Samples:N0} test images ({procedure})."));
        output.WriteLine(Invariant($"Training images seen: {imagesSeen:N0} ({result.EpochsCompleted} epoch{(result.EpochsCompleted == 1 ? string.Empty : "s")} of {loaders.Train.SamplesPerEpoch * trainer.WorldSize:N0})."));
        output.WriteLine(Invariant($"Training time split: {result.Times}."));
        output.WriteLine(Invariant($"Wall time {RunReport.Duration(clock.Elapsed)}{(load.Length > 0 ? " (" + load + ")" : string.Empty)}. Report, plots, metrics, TensorBoard events and checkpoints in {folder.Root}"));
        return new RunOutcome(folder, final.Top1, final.Samples, result.EpochsCompleted, clock.Elapsed);
    }

    private static Loaders CreateLoaders(ImageDataset train, ImageDataset test, RecipePipelineSet pipelines, SampleSettings settings, Device device)
    {
        bool onCuda = device.type == DeviceType.CUDA; // the loaders deliver on the training device, with the images copied there once
        string loaderDevice = settings.Device;
        var trainLoader = new DataLoader(
            train,
            new DataLoaderOptions
            {
                BatchSize = settings.BatchSize,
                Shuffle = true,
                DropLast = train.Count >= settings.BatchSize,
                Seed = settings.Seed,
                Device = loaderDevice,
                DatasetOnDevice = onCuda,
                Rank = DistributedLaunch.Rank,
                WorldSize = DistributedLaunch.WorldSize,
            },
            settings.Augmentation.Wrap(pipelines.Train));
        try
        {
            var testOptions = new DataLoaderOptions { BatchSize = settings.Recipe.TestBatchSizeFor(settings.BatchSize), Shuffle = false, Device = loaderDevice, DatasetOnDevice = onCuda,
                Rank = DistributedLaunch.Rank, WorldSize = DistributedLaunch.WorldSize };
            return new Loaders(trainLoader, new DataLoader(test, testOptions, pipelines.Test));
        }
        catch
        {
            trainLoader.Dispose();
            throw;
        }
    }

    /// <summary>The trainer with the recipe's optimizer and schedule, and the progress, metrics-file, TensorBoard and checkpoint hooks.</summary>
    private static Trainer CreateTrainer(AlexNetModel model, SampleSettings settings, int batchesPerEpoch, RunFolder folder, TextWriter output)
    {
        var options = new TrainerOptions
        {
            Epochs = settings.Epochs,
            Device = settings.Device,
            Precision = settings.Precision,
            Seed = settings.Seed,
            LogInterval = Math.Clamp(batchesPerEpoch / 5, 1, 50),
            Optimizer = settings.Recipe.Optimizer!.ToOptions(settings.LearningRate),
            Schedule = settings.Recipe.Schedule!.ToOptions(),
            Loss = new LossOptions { Kind = settings.Recipe.Loss ?? LossKind.Auto, LabelSmoothing = settings.Recipe.LabelSmoothing },
            Mixing = settings.Augmentation.ToMixingOptions(),
        };
        settings.Parts.ApplyTo(options);
        var trainer = new Trainer(model, options);
        trainer.Hooks.Add(new ProgressHook(output, inPlace: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected));
        trainer.Hooks.Add(new MetricsHistoryHook(folder.MetricsCsv, folder.MetricsJsonLines));
        trainer.Hooks.Add(new TensorBoardHook(folder.TensorBoard));
        if (settings.Recipe.TensorBoardTags.Count > 0)
        {
            trainer.Hooks.Add(new WriteUpTensorBoardHook(Path.Combine(folder.TensorBoard, "write-up"), settings.Recipe.TensorBoardTags));
        }
        trainer.Hooks.Add(new CheckpointHook(new CheckpointOptions { Directory = folder.Checkpoints, Monitor = MetricNames.ValidationTop1, Mode = MetricMode.Max }));
        return trainer;
    }

    private static RunReport Report(
        SampleSettings settings, SampleData data, ImageDataset train, ImageDataset test, AlexNetModel model, RecipePipelineSet pipelines, Device device,
        TrainingResult result, EvaluationResult final, string procedure, string commandLine, RunFolder folder, TimeSpan wallTime)
    {
        Recipe recipe = settings.Recipe;
    return new RunReport
    {
        Recipe = recipe,
        CommandLine = commandLine,
        Settings = SettingsRows(settings, data, train, test, model, pipelines, device, result),
        History = result.History,
        TestTop1 = final.Top1,
        TestTop5 = final.Top5,
        TestLoss = final.Loss,
        TestImages = final.Samples,
        TestProcedure = procedure,
        ClassNames = data.Test.Classes,
        PerClassAccuracy = final.PerClassAccuracy,
        WallTime = wallTime,
        TrainingTime = result.Elapsed,
        TrainingTimes = result.Times,
        Pictures = new[]
        {
            ("Loss per epoch", folder.Relative(folder.LossPlot)),
            ("Top-1 accuracy per epoch", folder.Relative(folder.AccuracyPlot)),
            ("Test confusion matrix", folder.Relative(folder.ConfusionMatrixPlot)),
        },
        Files = new[]
        {
            ("per-epoch metrics (CSV)", folder.Relative(folder.MetricsCsv)),
            ("per-epoch metrics (JSON lines)", folder.Relative(folder.MetricsJsonLines)),
            ("TensorBoard event files: tensorboard --logdir " + folder.Relative(folder.TensorBoard), folder.Relative(folder.TensorBoard) + "/"),
            ("checkpoints: last.ckpt (end of training) and best.ckpt (best test top-1)", folder.Relative(folder.Checkpoints) + "/"),
        },
    };
    }

    private static List<(string, string)> SettingsRows(
        SampleSettings settings, SampleData data, ImageDataset train, ImageDataset test, AlexNetModel model, RecipePipelineSet pipelines, Device device, TrainingResult result)
    {
        Recipe recipe = settings.Recipe;
        long parameters = model.parameters().Sum(p => p.numel());
        int testBatch = recipe.TestBatchSizeFor(settings.BatchSize);
        return new List<(string, string)>
        {
            ("data", data.Description),
            ("training images", Count(train, data.Train)),
            ("test images", Count(test, data.Test)),
            ("model", Invariant($"{recipe.DescribeModel()}, {model.InputChannels} input channel{(model.InputChannels == 1 ? string.Empty : "s")}, {data.Train.Classes.Count} classes, {parameters:N0} parameters")),
            ("input", Invariant($"{recipe.InputSize}x{recipe.InputSize}")),
            ("training pipeline", pipelines.Train.ToString() ?? string.Empty),
            ("test pipeline", pipelines.Test + (pipelines.TestViews is { } views ? Invariant($", then {views.ViewCount} views ({views.GetType().Name})") : string.Empty)),
            ("optimizer", (recipe.Optimizer! with { LearningRate = settings.LearningRate }).ToString()),
            ("learning-rate schedule", recipe.Schedule!.ToString()),
            ("batch size", Invariant($"{settings.BatchSize}") + (testBatch != settings.BatchSize ? Invariant($" (test {testBatch})") : string.Empty)),
            ("epochs", Invariant($"{settings.Epochs} (completed {result.EpochsCompleted})")),
            ("device", Invariant($"{device} ({torch.get_num_threads()} CPU threads)")),
            ("precision", settings.Precision),
            ("seed", Invariant($"{settings.Seed}")),
        };
    }

    private static string Count(ImageDataset used, ImageDataset full) =>
        used.Count == full.Count ? Invariant($"all {full.Count:N0} images") : Invariant($"{used.Count:N0} of {full.Count:N0} images (seeded random subset)");

    private static OwnedDataset Subset(ImageDataset dataset, int? size, long seed) =>
        size is int n && n < dataset.Count
            ? new OwnedDataset(dataset.RandomSubset(n, seed), Owned: true)
            : new OwnedDataset(dataset, Owned: false);

    /// <summary>The training loader (shuffled, last partial batch dropped) and the test loader (in order).</summary>
    private sealed record Loaders(DataLoader Train, DataLoader Test) : IDisposable
    {
        public void Dispose()
        {
            Train.Dispose();
            Test.Dispose();
        }
    }

    /// <summary>A dataset that is disposed with this wrapper only when the run made it (a subset).</summary>
    private sealed record OwnedDataset(ImageDataset Dataset, bool Owned) : IDisposable
    {
        public void Dispose()
        {
            if (Owned)
            {
                Dataset.Dispose();
            }
        }
    }
}
