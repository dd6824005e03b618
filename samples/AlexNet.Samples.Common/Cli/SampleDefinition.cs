using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>What distinguishes one sample program's command line from another's.</summary>
/// <param name="Name">The program's name, as in <c>dotnet run --project samples/NAME</c>.</param>
/// <param name="Description">The first line of <c>--help</c>.</param>
/// <param name="Dataset">The dataset whose recipes the program runs.</param>
/// <param name="DefaultRecipe">The recipe run without <c>--recipe</c>.</param>
/// <param name="DefaultDataPath">Where the dataset is looked for without <c>--data</c>.</param>
/// <param name="DataDescription">The help text of <c>--data</c>.</param>
/// <param name="OffersSynthetic">Whether <c>--synthetic</c> exists.</param>
/// <param name="OffersDownload">Whether <c>--download</c> exists.</param>
public sealed record SampleDefinition(
    string Name,
    string Description,
    RecipeDataset Dataset,
    string DefaultRecipe,
    string DefaultDataPath,
    string DataDescription,
    bool OffersSynthetic,
    bool OffersDownload);
