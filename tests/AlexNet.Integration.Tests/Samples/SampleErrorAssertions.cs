using System;
using System.IO;

namespace AlexNet.Integration.Tests.Samples;

/// <summary>Runs a sample in process and checks the shape of a failure: the exit code and one line on standard error, no stack trace.</summary>
internal static class SampleErrorAssertions
{
    public static (int Code, string Output, string Error) Run(Func<string[], TextWriter, TextWriter, int> sample, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = sample(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Asserts exit code <paramref name="code"/>, exactly one line on standard error, no "   at " frame, and each fragment in that line.</summary>
    public static string ShouldFailWith(this (int Code, string Output, string Error) result, int code, params string[] fragments)
    {
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        result.Code.Should().Be(code, $"stderr: {result.Error}\nstdout: {result.Output}");
        lines.Should().ContainSingle($"one line on standard error; got: {result.Error}");
        (result.Error + result.Output).Should().NotContain("   at ", "no stack trace");
        lines[0].Should().NotContain("unexpected ", "an ordinary mistake gets a message of its own, not the catch-all's");
        foreach (string fragment in fragments)
        {
            lines[0].Should().Contain(fragment);
        }

        return lines[0];
    }
}
