using System;
using System.Diagnostics;
using System.IO;

namespace AlexNet.Build.Tests;

/// <summary>The AlexNetTorchBackend MSBuild switch (build/AlexNet.TorchBackend.targets).</summary>
public class BackendSwitchTests
{
    private static (int ExitCode, string Output) ValidateBackend(string backend)
    {
        // The probe project lives inside the repository so that Directory.Build.props/targets apply to it.
        string dir = TestPaths.NewTemporaryDirectory(AppContext.BaseDirectory);
        try
        {
            string project = Path.Combine(dir, "Probe.csproj");
            File.WriteAllText(project, """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <AlexNetRunnable>true</AlexNetRunnable>
                  </PropertyGroup>
                </Project>
                """);
            var start = new ProcessStartInfo("dotnet", new[]
            {
                "msbuild", project, "-t:AlexNetValidateTorchBackend", $"-p:AlexNetTorchBackend={backend}", "-nologo", "-nodeReuse:false",
            })
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_backend_fails_the_build_naming_the_accepted_values()
    {
        var (exitCode, output) = ValidateBackend("rocm");

        exitCode.Should().NotBe(0);
        output.Should().Contain("ALEXNET001").And.Contain("Unknown AlexNetTorchBackend 'rocm'. Accepted values: cpu, cuda-linux");
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("cuda-linux")]
    public void The_accepted_backends_pass_validation(string backend)
    {
        var (exitCode, output) = ValidateBackend(backend);

        exitCode.Should().Be(0, output);
    }
}
