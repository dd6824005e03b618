using System.Text.Json;
using System.Text.Json.Serialization;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Samples.Common.Cli;

/// <summary>Stores a <see cref="Recipe"/> in <c>settings.json</c> as its name and finds it in <see cref="RecipeCatalogue"/> when read.</summary>
internal sealed class RecipeNameJsonConverter : JsonConverter<Recipe>
{
    /// <inheritdoc />
    /// <exception cref="JsonException">The name is not a string or no recipe has it.</exception>
    public override Recipe Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string name = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("the recipe must be a name");
        return RecipeCatalogue.Find(name) ?? throw new JsonException($"unknown recipe '{name}'");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Recipe value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
