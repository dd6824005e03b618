using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;
using AlexNet.Tests.Shared;

namespace AlexNet.Core.Tests.Interop.Pretrained;

/// <summary>A torchvision state dict made by real PyTorch, and a test-only catalogue entry whose hash prefix is that file's.</summary>
public sealed class PretrainedFile : IDisposable
{
    private readonly TempDirectory _folder = new();

    /// <summary>Makes the file with tests/fixtures/interop/pytorch_interop.py: <paramref name="spec"/> describes the network.</summary>
    public PretrainedFile(string spec)
    {
        PythonTorch.Run("make", spec, _folder.Path);
        Bytes = File.ReadAllBytes(_folder.File("weights.pth"));
        Sha256 = Convert.ToHexString(SHA256.HashData(Bytes)).ToLowerInvariant();
        FileName = $"alexnet-test-{Sha256[..8]}.pth";
    }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public string FileName { get; }

    /// <summary>PyTorch's input and output for the weights ("input", "output").</summary>
    public string ReferenceFile => _folder.File("reference.pth");

    /// <summary>
    /// The real ImageNet entry (address, preprocessing, class names) for <paramref name="model"/>, named for this file
    /// and with its hash prefix (or <paramref name="sha256Prefix"/>), capped at <paramref name="maxFileLength"/>.
    /// </summary>
    public WeightsDescriptor Entry(ModelDescriptor model, string? sha256Prefix = null, long? maxFileLength = null)
    {
        WeightsDescriptor real = KnownWeights.ImageNet1kV1;
        return new WeightsDescriptor("TestImageNet", () => model, real.Preprocessing, real.Categories)
        {
            FileName = FileName,
            Url = real.Url,
            Sha256Prefix = sha256Prefix ?? Sha256[..8],
            MaxFileLength = maxFileLength ?? real.MaxFileLength,
            Metrics = real.Metrics,
        };
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>The small file the tests share: torchvision's AlexNet, 1000 classes, classifier width 64 (11 MB).</summary>
public sealed class NarrowPretrainedFile : IDisposable
{
    public const int Width = 64;

    private readonly Lazy<PretrainedFile> _file = new(() => new PretrainedFile($$"""{"variant": "torchvision", "classes": 1000, "width": {{Width}}}"""));

    public PretrainedFile File => _file.Value;

    public static ModelDescriptor Model => AlexNetFactory.Describe(Variant.TorchVision, 1000, new AlexNetOptions { ClassifierWidth = Width });

    public void Dispose()
    {
        if (_file.IsValueCreated)
        {
            _file.Value.Dispose();
        }
    }
}

/// <summary>Runs /usr/bin/python3 -c with extra environment variables; returns its standard output.</summary>
internal static class PythonSnippet
{
    public static string Run(string code, params (string Name, string? Value)[] environment)
    {
        var start = new ProcessStartInfo(PythonTorch.Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach ((string name, string? value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{PythonTorch.Python} -c exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
