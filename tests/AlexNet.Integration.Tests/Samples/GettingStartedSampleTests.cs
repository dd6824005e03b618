using System;
using System.IO;
using System.Reflection;
using AlexNet.Integration.Tests.Support;

namespace AlexNet.Integration.Tests.Samples;

public class GettingStartedSampleTests
{
    [Fact]
    public void GettingStarted_trains_on_real_fashion_mnist_with_progress_and_prints_the_test_accuracy()
    {
        // samples/GettingStarted is top-level statements: its entry point is the program itself, run here in-process
        // with a small training subset (512 images, 1 epoch) and the full test set. An exception fails the test, as it
        // would end the program with a non-zero exit code.
        MethodInfo main = Assembly.Load("GettingStarted").EntryPoint!;
        string[] args = { "512", "1", RealFashionMnist.Directory };
        var output = new StringWriter();
        TextWriter console = Console.Out;
        Console.SetOut(output);
        try
        {
            main.Invoke(null, new object[] { args });
        }
        finally
        {
            Console.SetOut(console);
        }

        string text = output.ToString();
        text.Should().MatchRegex(@"Training \w+ on \S+: 1 epoch of 4 batches", text);
        text.Should().MatchRegex(@"Test accuracy: [0-9.,]+ ?% on 10,000 test images\r?\n$", text);
    }
}
