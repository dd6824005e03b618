using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AlexNet.Integration.Tests.Support;

namespace AlexNet.Integration.Tests.Readme;

public class ReadmeExampleTests
{
    [Fact]
    public void The_README_example_is_the_compiled_code_of_ReadmeExample_cs()
    {
        string readme = File.ReadAllText(TestPaths.InRepository("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        string source = File.ReadAllText(TestPaths.InRepository("tests/AlexNet.Integration.Tests/Readme/ReadmeExample.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);

        var block = Regex.Match(readme, "```csharp\n(.*?)```", RegexOptions.Singleline);
        block.Success.Should().BeTrue("README.md has a ```csharp example");
        string expected = string.Join("\n", Between(source, "// README usings begin", "// README usings end"))
            + "\n\n"
            + string.Join("\n", Between(source, "// README body begin", "// README body end").Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()))
            + "\n";

        block.Groups[1].Value.Should().Be(expected, "README.md must show tests/AlexNet.Integration.Tests/Readme/ReadmeExample.cs's example exactly");
    }

    private static string[] Between(string source, string begin, string end)
    {
        string[] lines = source.Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim() == begin);
        int last = Array.FindIndex(lines, l => l.Trim() == end);
        first.Should().BeGreaterThanOrEqualTo(0);
        last.Should().BeGreaterThan(first);
        return lines[(first + 1)..last];
    }
}
