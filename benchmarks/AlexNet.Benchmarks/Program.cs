using System;
using System.Linq;
using AlexNet.Benchmarks.Harness;

// AlexNet.Core's module initializer sets LibTorch's huge-page allocations before the first tensor (as in an app that
// uses the library first); suites that time LibTorch alone would otherwise run before it.
System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(AlexNet.Core.Models.AlexNetFactory).Module.ModuleHandle);

var suites = typeof(IBenchmarkSuite).Assembly.GetTypes()
    .Where(t => typeof(IBenchmarkSuite).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmarkSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var suite = args.Length == 0 ? null : suites.FirstOrDefault(s => s.Name == args[0]);
if (suite is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/AlexNet.Benchmarks -- SUITE [options]");
    Console.Error.WriteLine();
    foreach (var s in suites)
    {
        Console.Error.WriteLine($"  {s.Name,-14} {s.Description}");
    }

    return args.Length == 0 ? 0 : 2;
}

Console.WriteLine($"# {suite.Name}: {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, TorchSharp threads {TorchSharp.torch.get_num_threads()}");
return suite.Run(args.Skip(1).ToList(), Console.Out);
