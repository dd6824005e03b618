using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace AlexNet.Core.Models.Weights;

/// <summary>
/// Class-name lists too long for source code, embedded in the assembly as text files of one name per line
/// (Resources/; imagenet-categories.txt is torchvision 0.14's <c>_IMAGENET_CATEGORIES</c>, written by
/// Resources/make_imagenet_categories.py).
/// </summary>
internal static class EmbeddedCategories
{
    private static readonly Lazy<IReadOnlyList<string>> ImageNetNames = new(() => Read("imagenet-categories.txt", 1000));

    /// <summary>ImageNet-1k's 1000 class names, index = label.</summary>
    public static IReadOnlyList<string> ImageNet => ImageNetNames.Value;

    private static IReadOnlyList<string> Read(string fileName, int count)
    {
        string resource = $"{typeof(EmbeddedCategories).Namespace}.{fileName}";
        using Stream stream = typeof(EmbeddedCategories).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The assembly lacks its embedded resource {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string[] names = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (names.Length != count || names.Distinct(StringComparer.Ordinal).Count() != count)
        {
            throw new InvalidOperationException($"The embedded resource {resource} holds {names.Length} names; {count} distinct names were expected.");
        }

        return Array.AsReadOnly(names);
    }
}
