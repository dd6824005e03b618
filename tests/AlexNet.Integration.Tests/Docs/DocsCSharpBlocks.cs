using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Integration.Tests.Support;

namespace AlexNet.Integration.Tests.Docs;

/// <summary>
/// The ```csharp blocks of README.md and docs/*.md, with the file and line where each starts. A block right after a
/// line <c>&lt;!-- no-compile: REASON --&gt;</c> is a deliberate fragment and is left out (with its reason).
/// </summary>
internal static class DocsCSharpBlocks
{
    public const string NoCompileMarker = "<!-- no-compile:";

    public sealed record Block(string File, int Line, string Code, string? NoCompileReason)
    {
        public override string ToString() => $"{File}:{Line}";
    }

    public static IReadOnlyList<Block> All()
    {
        var pages = new[] { "README.md" }
            .Concat(Directory.GetFiles(TestPaths.InRepository("docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)))
            .OrderBy(p => p, StringComparer.Ordinal);
        return pages.SelectMany(Read).ToArray();
    }

    private static IEnumerable<Block> Read(string page)
    {
        string[] lines = File.ReadAllText(TestPaths.InRepository(page)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            int start = i;
            int end = Array.FindIndex(lines, start + 1, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new InvalidDataException($"{page}:{start + 1}: the ```csharp block is not closed");
            }

            string? reason = start > 0 && lines[start - 1].Trim().StartsWith(NoCompileMarker, StringComparison.Ordinal)
                ? lines[start - 1].Trim()[NoCompileMarker.Length..].TrimEnd('-', '>', ' ').Trim()
                : null;
            yield return new Block(page, start + 1, string.Join("\n", lines[(start + 1)..end]), reason);
            i = end;
        }
    }
}
