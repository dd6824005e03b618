using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Precision;
using AlexNet.Samples.Common.Outputs;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>
/// The command line of the training samples (System.CommandLine): <c>--recipe</c>, <c>--list-recipes</c>, <c>--dry-run</c>, the
/// overrides (<c>--epochs</c>, <c>--batch-size</c>, <c>--train-subset</c>, <c>--test-subset</c>, <c>--lr</c>,
/// <c>--device</c>, <c>--output</c>, <c>--seed</c>) and the data options. <c>--help</c> lists every option with its
/// default; a bad value prints one line on standard error and exits with <see cref="UsageError"/>.
/// </summary>
public sealed class SampleCommandLine
{
    /// <summary>Exit code of a run that finished.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run that failed (missing data, a training error).</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code of a run stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    private readonly SampleDefinition _definition;
    private readonly Option<string> _recipe;
    private readonly Option<bool> _listRecipes;
    private readonly Option<bool> _dryRun;
    private readonly Option<string> _data;
    private readonly Option<bool>? _synthetic;
    private readonly Option<bool>? _download;
    private readonly Option<int?> _epochs;
    private readonly Option<int?> _batchSize;
    private readonly Option<int?> _trainSubset;
    private readonly Option<int?> _testSubset;
    private readonly Option<double?> _learningRate;
    private readonly Option<string> _device;
    private readonly Option<string?> _precision;
    private readonly Option<string?> _output;
    private readonly Option<long> _seed;
    private readonly Option<string?> _resume;
    private readonly TrainingPartsOptions _parts = new();
    private readonly AugmentationOptions _augmentation = new();

    /// <summary>Builds the command line of the sample <paramref name="definition"/> describes.</summary>
    public SampleCommandLine(SampleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definition = definition;
        var recipes = RecipeCatalogue.For(definition.Dataset);
        _recipe = new Option<string>("--recipe")
        {
            Description = $"The training recipe: {string.Join(", ", recipes.Select(r => r.Name))} (see --list-recipes).",
            HelpName = "name",
            DefaultValueFactory = _ => definition.DefaultRecipe,
        };
        _recipe.Validators.Add(result =>
        {
            string name = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!recipes.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                string what = RecipeCatalogue.Find(name) is { } elsewhere
                    ? $"'{elsewhere.Name}' is a {elsewhere.Dataset} recipe (samples/{elsewhere.Dataset})"
                    : $"unknown recipe '{name}'";
                result.AddError($"--recipe: {what}; {definition.Name} runs {string.Join(", ", recipes.Select(r => r.Name))}.");
            }
        });
        _listRecipes = new Option<bool>("--list-recipes") { Description = "Print every recipe's settings and reported accuracy, then exit." };
        _dryRun = new Option<bool>("--dry-run") { Description = "Print the recipe's resolved settings (after the overrides) as JSON and exit, without loading data." };
        _data = new Option<string>("--data")
        {
            Description = definition.DataDescription,
            HelpName = "path",
            DefaultValueFactory = _ => definition.DefaultDataPath,
        };
        if (definition.OffersSynthetic)
        {
            _synthetic = new Option<bool>("--synthetic") { Description = "Train on a small generated dataset instead of the real one (no files needed)." };
        }

        if (definition.OffersDownload)
        {
            _download = new Option<bool>("--download") { Description = "Download the dataset into --data when it is missing (checksum verified)." };
        }

        _epochs = Whole("--epochs", "Training epochs [default: the recipe's].", minimum: 1);
        _batchSize = Whole("--batch-size", "Images per training batch [default: the recipe's].", minimum: 1);
        _trainSubset = Whole("--train-subset", "Train on this many images, a seeded random subset; 0 = all [default: the recipe's].", minimum: 0);
        _testSubset = Whole("--test-subset", "Evaluate on this many test images, a seeded random subset; 0 = all [default: all].", minimum: 0);
        _learningRate = new Option<double?>("--lr")
        {
            Description = "Initial learning rate [default: the recipe's].",
            HelpName = "rate",
            CustomParser = ParsePositiveNumber,
        };
        _device = new Option<string>("--device")
        {
            Description = "Where to train: auto (CUDA when available, else CPU), cpu, cuda or cuda:N.",
            HelpName = "device",
            DefaultValueFactory = _ => "auto",
        };
        _device.Validators.Add(result =>
        {
            string value = result.GetValueOrDefault<string>() ?? string.Empty;
            if (!DeviceSpec.IsValid(value))
            {
                result.AddError($"--device must be auto, cpu, cuda or cuda:N; got '{value}'.");
            }
        });
        _precision = new Option<string?>("--precision")
        {
            Description = "Numeric precision: 32-true, bf16-mixed (bfloat16 convolutions and Linear layers, float32 weights) or 16-mixed (CUDA only) [default: the recipe's].",
            HelpName = "precision",
        };
        _precision.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string?>();
            if (value is not null && !TrainingPrecision.IsValid(value))
            {
                result.AddError($"--precision must be 32-true, bf16-mixed or 16-mixed; got '{value}'.");
            }
        });
        _output = new Option<string?>("--output")
        {
            Description = "The run's output folder (metrics, TensorBoard events, checkpoints, plots, report.md) [default: runs/RECIPE-TIMESTAMP].",
            HelpName = "folder",
        };
        _seed = new Option<long>("--seed")
        {
            Description = "Seed of the weights, subsets, shuffling and augmentation.",
            HelpName = "number",
            DefaultValueFactory = _ => 0,
        };
        _resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this folder from its checkpoints/last.ckpt with the settings it was started with (only --epochs and --device may change).",
            HelpName = "folder",
        };
        _resume.Validators.Add(result =>
        {
            string folder = result.GetValueOrDefault<string?>() ?? string.Empty;
            if (!File.Exists(Path.Combine(folder, SampleSettings.FileName))
                || !File.Exists(Path.Combine(folder, RunFolder.CheckpointsFolderName, CheckpointFile.LastFileName)))
            {
                result.AddError($"--resume: '{folder}' holds no run to resume (it needs {SampleSettings.FileName} and {RunFolder.CheckpointsFolderName}/{CheckpointFile.LastFileName}).");
            }
        });
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs: prints help, the recipe list, or one error line, or calls
    /// <paramref name="run"/> with the resolved settings and returns its exit code.
    /// </summary>
    /// <param name="args">The program's arguments.</param>
    /// <param name="run">Trains with the settings; returns the exit code.</param>
    /// <param name="output">Where help and the recipe list go (standard output).</param>
    /// <param name="error">Where a usage error goes (standard error).</param>
    public int Invoke(string[] args, Func<SampleSettings, int> run, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        RootCommand command = BuildCommand(output, error, run);
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
        {
            error.WriteLine($"{_definition.Name}: {ErrorLine(parsed)} See --help.");
            return UsageError;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>Parses <paramref name="args"/> into settings, or returns the error line (for tests and tools).</summary>
    public (SampleSettings? Settings, string? Error) Parse(string[] args)
    {
        ParseResult parsed = BuildCommand(TextWriter.Null, TextWriter.Null, _ => Success).Parse(args);
        return parsed.Errors.Count > 0 ? (null, ErrorLine(parsed)) : TryResolve(parsed);
    }

    /// <summary>The parse errors as one line of sentences.</summary>
    private static string ErrorLine(ParseResult parsed) => SampleInvocation.ErrorLine(parsed);

    private static Option<int?> Whole(string name, string description, int minimum)
    {
        return new Option<int?>(name)
        {
            Description = description,
            HelpName = "n",
            CustomParser = result =>
            {
                string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
                if (!int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
                {
                    result.AddError($"{name} must be a whole number; got '{token}'.");
                    return null;
                }

                if (value < minimum)
                {
                    result.AddError($"{name} must be {minimum} or more; got {value}.");
                    return null;
                }

                return value;
            },
        };
    }

    private static double? ParsePositiveNumber(ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value) || value <= 0)
        {
            result.AddError($"--lr must be a number above 0; got '{token}'.");
            return null;
        }

        return value;
    }

    private RootCommand BuildCommand(TextWriter output, TextWriter error, Func<SampleSettings, int> run)
    {
        var command = new RootCommand(_definition.Description + Environment.NewLine + Environment.NewLine + RecipeSummary());
        command.Options.Add(_recipe);
        command.Options.Add(_listRecipes);
        command.Options.Add(_dryRun);
        command.Options.Add(_data);
        if (_synthetic is not null)
        {
            command.Options.Add(_synthetic);
        }

        if (_download is not null)
        {
            command.Options.Add(_download);
        }

        command.Options.Add(_epochs);
        command.Options.Add(_batchSize);
        command.Options.Add(_trainSubset);
        command.Options.Add(_testSubset);
        command.Options.Add(_learningRate);
        command.Options.Add(_device);
        command.Options.Add(_precision);
        command.Options.Add(_output);
        command.Options.Add(_seed);
        command.Options.Add(_resume);
        _parts.AddTo(command);
        foreach (Option option in _augmentation.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(_resume) is null)
            {
                return;
            }

            Option[] fixedByTheRun = new Option[] { _recipe, _data, _batchSize, _trainSubset, _testSubset, _learningRate, _output, _seed, _precision }
                .Concat(_parts.All).Concat(_augmentation.All).ToArray();
            var given = fixedByTheRun.Where(o => result.GetResult(o) is { Implicit: false }).Select(o => o.Name)
                .Concat(new Option?[] { _synthetic, _download }.Where(o => o is not null && result.GetResult(o) is not null).Select(o => o!.Name))
                .ToArray();
            if (given.Length > 0)
            {
                result.AddError($"--resume continues a run with its own settings; only --epochs and --device may be given with it, not {string.Join(", ", given)}.");
            }
        });
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(_listRecipes))
            {
                output.Write(RecipeTable.ToText(RecipeCatalogue.For(_definition.Dataset)));
                return Success;
            }

            (SampleSettings? settings, string? problem) = TryResolve(parsed);
            if (settings is null)
            {
                error.WriteLine($"{_definition.Name}: {problem}");
                return Failure;
            }

            if (settings.Parts.WarmupEpochs >= settings.Epochs)
            {
                string tooLong = $"--warmup-epochs must be fewer than the {settings.Epochs} epochs trained; got {settings.Parts.WarmupEpochs}.";
                error.WriteLine($"{_definition.Name}: {tooLong} See --help.");
                return UsageError;
            }

            if (parsed.GetValue(_dryRun))
            {
                Recipe resolved = settings.Recipe with { Augmentation = settings.Augmentation };
                var dryRun = RecipeDryRun.ToNode(
                    resolved, settings.Epochs, settings.BatchSize, settings.LearningRate, settings.TrainSubset, settings.TestSubset);
                dryRun["trainingParts"] = settings.Parts.ToJson();
                output.WriteLine(dryRun.ToJsonString(TrainingParts.DryRunJson));
                return Success;
            }

            return run(settings);
        });
        return command;
    }

    private string RecipeSummary()
    {
        var lines = RecipeCatalogue.For(_definition.Dataset).Select(r =>
            $"  {r.Name,-20} {r.Title}{(r.Name == _definition.DefaultRecipe ? " (default)" : string.Empty)}");
        return "Recipes:" + Environment.NewLine + string.Join(Environment.NewLine, lines);
    }

    /// <summary>The settings, or the message of the <see cref="IOException"/> resolving them threw (such as an unreadable settings.json).</summary>
    private (SampleSettings? Settings, string? Error) TryResolve(ParseResult parsed)
    {
        try
        {
            return (Resolve(parsed), null);
        }
        catch (IOException e)
        {
            return (null, e.Message);
        }
    }

    private SampleSettings Resolve(ParseResult parsed)
    {
        if (parsed.GetValue(_resume) is { } resume)
        {
            string? device = parsed.GetResult(_device) is { Implicit: false } ? parsed.GetValue(_device)!.Trim().ToLowerInvariant() : null;
            return SampleSettings.Read(resume).ForResume(resume, parsed.GetValue(_epochs), device);
        }

        Recipe recipe = RecipeCatalogue.Find(parsed.GetValue(_recipe)!)!;
        int? trainSubset = parsed.GetValue(_trainSubset) is int train ? train : recipe.TrainSubset;
        int? testSubset = parsed.GetValue(_testSubset);
        return new SampleSettings
        {
            Recipe = recipe,
            Epochs = parsed.GetValue(_epochs) ?? recipe.Epochs,
            BatchSize = parsed.GetValue(_batchSize) ?? recipe.BatchSize,
            TrainSubset = trainSubset is 0 ? null : trainSubset,
            TestSubset = testSubset is 0 ? null : testSubset,
            LearningRate = parsed.GetValue(_learningRate) ?? recipe.Optimizer?.LearningRate ?? 0,
            Device = parsed.GetValue(_device)!.Trim().ToLowerInvariant(),
            Precision = parsed.GetValue(_precision) ?? recipe.Precision,
            OutputDirectory = parsed.GetValue(_output)
                ?? Path.Combine("runs", $"{recipe.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"),
            DataPath = parsed.GetValue(_data)!,
            DataPathGiven = parsed.GetResult(_data) is { Implicit: false },
            Synthetic = _synthetic is not null && parsed.GetValue(_synthetic),
            Download = _download is not null && parsed.GetValue(_download),
            Seed = parsed.GetValue(_seed),
            Parts = _parts.Resolve(parsed),
            Augmentation = _augmentation.Resolve(parsed, recipe),
        };
    }
}
