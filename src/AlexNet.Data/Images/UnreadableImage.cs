namespace AlexNet.Data.Images;

/// <summary>A file left out because it could not be decoded (<see cref="ImageFolderOptions.SkipUnreadable"/>).</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why, as the decoder reported it.</param>
public sealed record UnreadableImage(string Path, string Reason);
