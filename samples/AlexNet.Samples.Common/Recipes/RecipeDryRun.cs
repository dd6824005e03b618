using System.Text.Json;
using System.Text.Json.Nodes;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// The resolved settings of a recipe as JSON, for <c>--dry-run</c>: every setting the write-up fixes (layers,
/// initialisation, input, pipelines, normalisation, optimizer, schedule, batch sizes, epochs, what is reported),
/// after the command line's overrides. Nothing is loaded or built.
/// </summary>
public static class RecipeDryRun
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON of <paramref name="recipe"/> with the overrides applied.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="epochs">Epochs (null: the recipe's).</param>
    /// <param name="trainBatchSize">Training batch size (null: the recipe's).</param>
    /// <param name="learningRate">Initial learning rate (null: the recipe's).</param>
    /// <param name="trainSubset">Training images used, or null for all.</param>
    /// <param name="testSubset">Test images used, or null for all.</param>
    public static string ToJson(Recipe recipe, int? epochs = null, int? trainBatchSize = null, double? learningRate = null, int? trainSubset = null, int? testSubset = null) =>
        ToNode(recipe, epochs, trainBatchSize, learningRate, trainSubset, testSubset).ToJsonString(Indented);

    /// <summary>The settings as a JSON object (see <see cref="ToJson"/>).</summary>
    public static JsonObject ToNode(Recipe recipe, int? epochs = null, int? trainBatchSize = null, double? learningRate = null, int? trainSubset = null, int? testSubset = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        bool trains = recipe.Optimizer is not null;
        int batch = trainBatchSize ?? recipe.BatchSize;
        bool lrn = recipe.UseLocalResponseNorm ?? recipe.Variant == Variant.Paper;
        bool cifarBatchNorm = recipe.Variant == Variant.CifarBatchNorm;
        return new JsonObject
        {
            ["recipe"] = recipe.Name,
            ["source"] = recipe.Source,
            ["dataset"] = recipe.Dataset.ToString(),
            ["variant"] = recipe.Variant.ToString(),
            ["inputSize"] = recipe.InputSize,
            ["inputChannels"] = recipe.InputChannels,
            ["classes"] = recipe.Classes,
            ["localResponseNorm"] = lrn,
            ["lrnAlpha"] = lrn ? recipe.LrnAlpha : null,
            ["lrnAlphaConvention"] = lrn ? recipe.LrnAlphaConvention.ToString() : null,
            ["init"] = (recipe.WeightInit ?? (recipe.Variant == Variant.Paper ? WeightInit.Paper : WeightInit.PyTorchDefault)).ToString(),
            ["classifierWidth"] = recipe.ClassifierWidth ?? (cifarBatchNorm ? 2048 : 4096),
            ["dropout"] = new JsonObject
            {
                ["placement"] = recipe.DropoutPlacement.ToString(),
                ["rate"] = recipe.DropoutPlacement == DropoutPlacement.None ? null : recipe.DropoutRate ?? (cifarBatchNorm ? 0.2 : 0.5),
                ["inEvaluation"] = recipe.DropoutInEvaluation,
            },
            ["outputLogSoftmax"] = recipe.Output == ModelOutput.LogProbabilities,
            ["loss"] = recipe.Loss?.ToString(),
            ["labelSmoothing"] = recipe.LabelSmoothing,
            ["optimizer"] = recipe.Optimizer is { } o ? Optimizer(o, learningRate) : null,
            ["schedule"] = recipe.Schedule is { } s ? Schedule(s) : null,
            ["trainBatchSize"] = trains ? batch : null,
            ["testBatchSize"] = trains ? recipe.TestBatchSizeFor(batch) : null,
            ["epochs"] = epochs ?? recipe.Epochs,
            ["trainSubset"] = trainSubset,
            ["augmentation"] = recipe.Augmentation.ToNode(),
            ["testSubset"] = testSubset,
            ["transforms"] = new JsonObject
            {
                ["train"] = Strings(recipe.TrainTransformSteps),
                ["test"] = Strings(recipe.TestTransformSteps),
            },
            ["normalization"] = new JsonObject
            {
                ["kind"] = recipe.Normalization.Kind.ToString(),
                ["mean"] = Numbers(recipe.Normalization.Mean),
                ["std"] = Numbers(recipe.Normalization.Std),
                ["source"] = recipe.Normalization.Source,
            },
            ["reported"] = new JsonObject
            {
                ["metric"] = recipe.Reported?.Metric ?? recipe.ReportedAccuracy,
                ["value"] = recipe.Reported?.Value,
                ["final"] = recipe.Reported?.Final,
                ["text"] = recipe.ReportedAccuracy,
            },
            ["tensorBoardTags"] = Strings(recipe.TensorBoardTags),
            ["chosenByUs"] = Strings(recipe.ChosenByUs.OrderBy(f => f).Select(f => f.ToString())),
        };
    }

    private static JsonObject Optimizer(RecipeOptimizer o, double? learningRate) => new()
    {
        ["kind"] = o.Kind.ToString(),
        ["lr"] = learningRate ?? o.LearningRate,
        ["momentum"] = o.Kind == OptimizerKind.Sgd ? o.Momentum : null,
        ["weightDecay"] = o.WeightDecay,
        ["betas"] = o.Kind == OptimizerKind.Sgd ? null : Numbers(new[] { o.Betas.Beta1, o.Betas.Beta2 }),
    };

    private static JsonObject Schedule(RecipeSchedule s) => new()
    {
        ["kind"] = s.Kind.ToString(),
        ["stepEpochs"] = s.Kind == ScheduleKind.Step ? s.StepSize : null,
        ["factor"] = s.Kind is ScheduleKind.Step or ScheduleKind.ReduceOnPlateau ? s.Gamma : null,
        ["patience"] = s.Kind == ScheduleKind.ReduceOnPlateau ? s.Patience : null,
        ["resetOptimizer"] = s.ResetOptimizer,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonArray? Numbers(IEnumerable<double>? values) => values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
