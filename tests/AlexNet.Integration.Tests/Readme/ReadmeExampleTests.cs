using System;
using System.IO;
using System.Text.RegularExpressions;
using AlexNet.Integration.Tests.Support;

namespace AlexNet.Integration.Tests.Readme;

public class ReadmeExampleTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("docs/getting-started.md")]
    public void The_first_example_is_the_whole_GettingStarted_sample_which_the_build_compiles(string page)
    {
        string text = File.ReadAllText(TestPaths.InRepository(page)).Replace("\r\n", "\n", StringComparison.Ordinal);
        string program = File.ReadAllText(TestPaths.InRepository("samples/GettingStarted/Program.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);

        var block = Regex.Match(text, "```csharp\n(.*?)```", RegexOptions.Singleline);
        block.Success.Should().BeTrue($"{page} has a ```csharp example");
        block.Groups[1].Value.Should().Be(program, $"{page} must show samples/GettingStarted/Program.cs exactly");
    }

    [Fact]
    public void The_GettingStarted_sample_stays_within_30_lines()
    {
        string[] lines = File.ReadAllText(TestPaths.InRepository("samples/GettingStarted/Program.cs")).TrimEnd().Split('\n');

        lines.Length.Should().BeLessThanOrEqualTo(30);
    }
}
