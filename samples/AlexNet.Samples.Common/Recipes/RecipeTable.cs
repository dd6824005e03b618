using System.Globalization;
using System.Text;

namespace AlexNet.Samples.Common.Recipes;

/// <summary>
/// The recipe catalogue as a table: plain text for <c>--list-recipes</c> and Markdown for docs/samples.md.
/// A value followed by * is one the recipe's source does not state and we chose.
/// </summary>
public static class RecipeTable
{
    private static readonly string[] Header =
    {
        "recipe", "dataset", "source", "variant", "input", "transforms", "optimizer", "LR schedule", "batch", "epochs", "accuracy reported by the source",
    };

    /// <summary>The rows, one per recipe, as in <see cref="Header"/>.</summary>
    public static IReadOnlyList<string[]> Rows(IEnumerable<Recipe> recipes)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        return recipes.Select(r => new[]
        {
            r.Name,
            r.Dataset.ToString(),
            r.Source,
            Mark(r, RecipeField.Variant, r.DescribeModel()),
            Mark(r, RecipeField.InputSize, string.Create(CultureInfo.InvariantCulture, $"{r.InputSize}x{r.InputSize}")),
            Mark(r, RecipeField.Transforms, r.DescribeTransforms()),
            Mark(r, RecipeField.Optimizer, r.Optimizer?.ToString() ?? "none (no training)"),
            Mark(r, RecipeField.Schedule, r.Schedule?.ToString() ?? "none"),
            Mark(r, RecipeField.BatchSize, r.BatchSize == 0 ? "-" : r.BatchSize.ToString(CultureInfo.InvariantCulture)),
            Mark(r, RecipeField.Epochs, r.Epochs.ToString(CultureInfo.InvariantCulture)) + (r.TrainSubset is int n ? string.Create(CultureInfo.InvariantCulture, $" on {n:N0} images") : string.Empty),
            r.ReportedAccuracy,
        }).ToArray();
    }

    /// <summary>A Markdown table of <paramref name="recipes"/>.</summary>
    public static string ToMarkdown(IEnumerable<Recipe> recipes)
    {
        var text = new StringBuilder();
        text.Append("| ").Append(string.Join(" | ", Header)).Append(" |\n");
        text.Append('|').Append(string.Concat(Header.Select(_ => "---|"))).Append('\n');
        foreach (string[] row in Rows(recipes))
        {
            text.Append("| ").Append(string.Join(" | ", row.Select((cell, i) => i == 0 ? $"`{cell}`" : cell.Replace("|", "\\|", StringComparison.Ordinal)))).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The recipes as text blocks, one per recipe (name and title, then one setting per line), for a terminal.
    /// </summary>
    public static string ToText(IEnumerable<Recipe> recipes)
    {
        var list = recipes.ToList();
        var text = new StringBuilder();
        foreach (var (recipe, row) in list.Zip(Rows(list)))
        {
            text.Append(row[0]).Append(": ").Append(recipe.Title).Append('\n');
            for (int i = 1; i < Header.Length; i++)
            {
                text.Append("    ").Append((Header[i] + ":").PadRight(33)).Append(row[i]).Append('\n');
            }

            if (recipe.Notes.Length > 0)
            {
                text.Append("    ").Append("notes:".PadRight(33)).Append(recipe.Notes).Append('\n');
            }

            text.Append('\n');
        }

        text.Append("* = not stated by the source; chosen by us.\n");
        return text.ToString();
    }

    private static string Mark(Recipe recipe, RecipeField field, string value) => recipe.ChosenByUs.Contains(field) ? value + " *" : value;
}
