using System.Diagnostics;
using System.Linq;
using AlexNet.Core.Models;
using AlexNet.Core.Optimization;
using AlexNet.Core.Schedules;
using AlexNet.Core.Training;
using AlexNet.Data.Datasets;
using AlexNet.Data.Loading;
using AlexNet.Data.Transforms;
using AlexNet.Integration.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;

namespace AlexNet.Integration.Tests.Learning;

/// <summary>
/// The pieces train together: real Fashion-MNIST (Debian's package) through FashionMnist.Load, a seeded subset,
/// the library's 1-channel pipeline and DataLoader, the CIFAR batch-norm AlexNet with one input channel at 28 x 28
/// (full width: 2048-wide classifier), and the Trainer (Adam, one-cycle learning rate), evaluated on all 10,000 test
/// images. One epoch over the first 10,000 training images reaches about 87%; the test asks for 85%.
/// Takes about 1.5 to 2.5 minutes on 2 CPU cores.
/// </summary>
public class FashionMnistLearningTests
{
    private const int TrainingImages = 10_000;
    private readonly ITestOutputHelper _log;

    public FashionMnistLearningTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void CifarBatchNorm_with_one_channel_reaches_85_percent_on_the_real_Fashion_MNIST_test_set_after_one_short_epoch()
    {
        var clock = Stopwatch.StartNew();
        string directory = RealFashionMnist.Directory;
        using var all = FashionMnist.Load(directory, DatasetSplit.Train);
        using var test = FashionMnist.Load(directory, DatasetSplit.Test);
        using var train = all.Select(Enumerable.Range(0, TrainingImages).Select(i => (long)i).ToArray());
        var pipeline = StandardPipelines.FashionMnist1Channel(28);
        using var trainLoader = new DataLoader(train, new DataLoaderOptions { BatchSize = 64, Shuffle = true, DropLast = true, Seed = 0 }, pipeline);
        using var testLoader = new DataLoader(test, new DataLoaderOptions { BatchSize = 500, Shuffle = false }, pipeline);
        torch.manual_seed(0);
        using var model = AlexNetFactory.Create(Variant.CifarBatchNorm, 10, new AlexNetOptions { InputChannels = 1 });
        using var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 1,
            Device = "cpu",
            Seed = 0,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam, LearningRate = 2e-3, WeightDecay = 0 },
            Schedule = new LearningRateScheduleOptions { Kind = ScheduleKind.OneCycle },
        });

        TrainingResult result = trainer.Fit(trainLoader);
        EvaluationResult evaluation = trainer.Evaluate(testLoader);

        _log.WriteLine($"{result.GlobalStep} steps on {train.Count} images, test top-1 {evaluation.Top1:P2} on {evaluation.Samples} images, {clock.Elapsed.TotalSeconds:F0} s");
        result.GlobalStep.Should().Be(TrainingImages / 64);
        evaluation.Samples.Should().Be(10_000);
        evaluation.Top1.Should().BeGreaterThanOrEqualTo(0.85);
    }
}
