using AlexNet.Core.Diagnostics;

namespace AlexNet.Core.Tests.Diagnostics;

/// <summary>The environment report of the test process, whose build output carries the CPU backend (patched on Debian 12).</summary>
public class AlexNetEnvironmentTests
{
    [Fact]
    public void Describe_reports_the_loaded_cpu_backend_and_its_versions_with_no_problems()
    {
        EnvironmentReport report = AlexNetEnvironment.Describe();

        report.NativeBackendLoaded.Should().BeTrue();
        report.NativeBackend.Should().Be(TorchSharp.torch.cuda.is_available() ? "cuda" : "cpu");
        report.TorchSharpVersion.Should().Be("0.107.0");
        report.LibTorchVersion.Should().StartWith("2.10");
        report.Threads.Should().BeGreaterThan(0);
        report.Problems.Should().BeEmpty();
        report.LibStdCxxFix.Should().MatchRegex("^(not needed|applied|not applicable)");
        report.ToString().Should().Contain("Native backend:       loaded (").And.EndWith("No problems found.\n");
    }
}
