using System;
using System.ComponentModel;
using System.Globalization;

namespace AlexNet.Core.Abstractions;

/// <summary>
/// Converts an <see cref="ITextForm{TSelf}"/> value from and to its text, so that
/// <c>Microsoft.Extensions.Configuration</c> binds it from a string.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class TextFormTypeConverter<T> : TypeConverter
    where T : ITextForm<T>
{
    /// <inheritdoc />
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc />
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) =>
        destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? T.FromText(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc />
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is T typed ? typed.ToString() : base.ConvertTo(context, culture, value, destinationType);
}
