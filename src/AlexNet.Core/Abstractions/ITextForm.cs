namespace AlexNet.Core.Abstractions;

/// <summary>
/// An option value written as text in configuration and checkpoints (for example <see cref="DeviceSpec"/>): its
/// <c>ToString()</c> is the text form, and <see cref="FromText"/> reads it back.
/// </summary>
/// <typeparam name="TSelf">The value type.</typeparam>
internal interface ITextForm<TSelf>
    where TSelf : ITextForm<TSelf>
{
    /// <summary>
    /// The value <paramref name="text"/> stands for. Never throws: an unrecognised text gives a value that keeps it, so
    /// that options validation can report it with the option's name.
    /// </summary>
    static abstract TSelf FromText(string? text);
}
