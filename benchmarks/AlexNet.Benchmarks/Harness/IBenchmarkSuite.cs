using System.Collections.Generic;
using System.IO;

namespace AlexNet.Benchmarks.Harness;

/// <summary>
/// One benchmark suite, run as <c>dotnet run -c Release --project benchmarks/AlexNet.Benchmarks -- NAME [args]</c>.
/// Suites are discovered by reflection: add a class, nothing else to register.
/// </summary>
public interface IBenchmarkSuite
{
    /// <summary>The command-line name, such as "models".</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>Runs the suite and writes a Markdown table to <paramref name="output"/>. Returns the process exit code.</summary>
    int Run(IReadOnlyList<string> args, TextWriter output);
}
