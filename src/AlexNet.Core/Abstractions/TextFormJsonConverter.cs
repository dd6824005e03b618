using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlexNet.Core.Abstractions;

/// <summary>Writes an <see cref="ITextForm{TSelf}"/> value as its text form in JSON, and reads it back from a string.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class TextFormJsonConverter<T> : JsonConverter<T>
    where T : ITextForm<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? T.FromText(reader.GetString())
            : throw new JsonException($"A {typeof(T).Name} is written as a string; got a JSON {reader.TokenType}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
