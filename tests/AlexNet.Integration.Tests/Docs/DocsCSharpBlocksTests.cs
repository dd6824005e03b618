using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AlexNet.Integration.Tests.Docs;

/// <summary>
/// Every ```csharp block in README.md and docs/*.md compiles as written (its using lines shown; top-level statements,
/// types after them) against AlexNet.Core, AlexNet.Data, TorchSharp and the framework, with the implicit usings of
/// <c>dotnet new console</c> (System, System.IO, System.Linq, ...): an API renamed in the code and not in the docs
/// fails here, naming the file and line of the block.
/// </summary>
public class DocsCSharpBlocksTests
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    /// <summary>The global usings the .NET SDK adds to a console project with ImplicitUsings enabled.</summary>
    private static readonly SyntaxTree ImplicitUsings = CSharpSyntaxTree.ParseText(
        string.Concat(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" }
            .Select(n => $"global using global::{n};\n")),
        new CSharpParseOptions(LanguageVersion.Latest),
        path: "ImplicitUsings.cs");

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (DocsCSharpBlocks.Block block in DocsCSharpBlocks.All().Where(b => b.NoCompileReason is null))
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void The_block_compiles(string where)
    {
        DocsCSharpBlocks.Block block = DocsCSharpBlocks.All().Single(b => b.ToString() == where);

        string[] errors = Compile(block.Code);

        errors.Should().BeEmpty($"the ```csharp block at {where} must compile as written (or be marked {DocsCSharpBlocks.NoCompileMarker} REASON -->)");
    }

    [Fact]
    public void Deliberate_fragments_are_few_and_each_states_its_reason()
    {
        var fragments = DocsCSharpBlocks.All().Where(b => b.NoCompileReason is not null).ToArray();

        fragments.Length.Should().BeLessThanOrEqualTo(4, string.Join(", ", fragments.Select(f => f.ToString())));
        fragments.Should().OnlyContain(f => f.NoCompileReason!.Length >= 10, "each exception says why");
        DocsCSharpBlocks.All().Should().HaveCountGreaterThan(15);
    }

    [Fact]
    public void A_block_that_does_not_compile_is_reported_with_its_line()
    {
        string[] errors = Compile("using AlexNet.Core.Models;\n\nusing var model = AlexNetFactory.Create(Variant.NoSuchVariant, 10);");

        errors.Should().ContainSingle().Which.Should().Contain("line 3").And.Contain("NoSuchVariant");
    }

    /// <summary>The compiler errors, each with its line inside the block.</summary>
    private static string[] Compile(string code)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest), path: "block.cs");
        var compilation = CSharpCompilation.Create(
            "DocsBlock",
            new[] { tree, ImplicitUsings },
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        IEnumerable<Diagnostic> errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree);
        return errors.Select(d => $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToArray();
    }
}
