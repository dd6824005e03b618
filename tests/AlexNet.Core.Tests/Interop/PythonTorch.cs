using System;
using System.Diagnostics;
using System.IO;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Interop;

/// <summary>
/// Debian's PyTorch (/usr/bin/python3 with python3-torch 1.13 and python3-torchvision 0.14, installed by
/// build/setup-debian.sh) running tests/fixtures/interop/pytorch_interop.py.
/// </summary>
public static class PythonTorch
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>Why PyTorch cannot run here, or null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    /// <summary>Runs the interop script with <paramref name="args"/>; throws with its output when it fails.</summary>
    public static void Run(params string[] args)
    {
        string script = RepositoryFile.Find("tests/fixtures/interop/pytorch_interop.py");
        var (code, output) = Execute(script, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{Python} {script} {string.Join(' ', args)} exited with {code}:\n{output}");
        }
    }

    /// <summary>Runs tests/fixtures/interop/<paramref name="script"/> with <paramref name="args"/>; throws with its output when it fails.</summary>
    public static string RunScript(string script, params string[] args)
    {
        string file = RepositoryFile.Find("tests/fixtures/interop/" + script);
        var (exit, output) = Execute(file, args);
        return exit == 0 ? output : throw new InvalidOperationException($"{Python} {file} {string.Join(' ', args)} exited with {exit}:\n{output}");
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found: install python3-torch and python3-torchvision (bash build/setup-debian.sh) to run the PyTorch interop tests";
        }

        var (code, output) = Execute("-c", new[] { "import torch, torchvision" });
        return code == 0
            ? null
            : $"{Python} cannot import torch and torchvision ({output.Trim()}): install python3-torch and python3-torchvision (bash build/setup-debian.sh) to run the PyTorch interop tests";
    }

    private static (int Code, string Output) Execute(string first, string[] rest)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(first);
        foreach (string a in rest)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 5 minutes\n" + stderr);
        }

        return (process.ExitCode, stdout.Result + stderr);
    }
}

/// <summary>A fact that runs only where /usr/bin/python3 imports torch and torchvision; elsewhere it is skipped with the reason.</summary>
public sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        if (PythonTorch.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that runs only where /usr/bin/python3 imports torch and torchvision; elsewhere it is skipped with the reason.</summary>
public sealed class PyTorchTheoryAttribute : TheoryAttribute
{
    public PyTorchTheoryAttribute()
    {
        if (PythonTorch.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
