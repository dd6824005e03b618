using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Tests.Training.Support;
using AlexNet.Core.Tests.Precision;
using AlexNet.Core.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public class DataParallelTests
{
    [Fact]
    public void Two_cpu_replicas_end_with_the_same_weights_after_six_steps_as_one_device_with_the_whole_batch()
    {
        using var train = new InMemoryBatchSource(samples: 3 * 10, batchSize: 10, classes: 4, seed: 5);
        using var single = new ReplicableConvNet(seed: 4);
        using var parallel = new ReplicableConvNet(seed: 4);

        using (var one = new Trainer(single, Options()))
        {
            one.Fit(train);
        }

        var options = Options();
        options.Devices = new List<DeviceSpec> { "cpu", "cpu" };
        using (var two = new Trainer(parallel, options))
        {
            two.Devices.Should().HaveCount(2);
            two.Fit(train).GlobalStep.Should().Be(6);
        }

        foreach (var ((name, expected), (_, actual)) in single.named_parameters().Zip(parallel.named_parameters()))
        {
            double difference = (actual - expected).abs().max().item<float>();
            double size = expected.abs().max().item<float>();
            difference.Should().BeLessThanOrEqualTo(1e-5 * size, $"{name}: the gradients are the same sums in another order, so only float rounding may differ");
        }
    }

    [Fact]
    public void With_batch_norm_each_replica_normalises_its_own_chunk_and_only_the_first_keeps_running_statistics_as_in_pytorch_data_parallel()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(8);
        var images = rand(3 * 8, 1, 8, 8);
        var labels = randint(0, 4, 3 * 8);
        var source = new TensorBatchSource(images, labels, batchSize: 8);
        using var parallel = MixedPrecisionTests.SmallAlexNet(seed: 6, dropout: 0);
        using var reference = MixedPrecisionTests.SmallAlexNet(seed: 6, dropout: 0);
        var options = Options();
        options.Epochs = 1;
        options.Devices = new List<DeviceSpec> { "cpu", "cpu" };

        using (var trainer = new Trainer(parallel, options))
        {
            trainer.Fit(source);
        }

        TrainLikeDataParallelByHand(reference, images, labels, batchSize: 8, learningRate: options.Optimizer.LearningRate);

        foreach (var ((name, expected), (_, actual)) in reference.state_dict().Zip(parallel.state_dict()))
        {
            if (!expected.is_floating_point())
            {
                actual.Should().BeEquivalentTo(expected, name);
                continue;
            }

            double difference = (actual - expected).abs().max().item<float>();
            double size = Math.Max(expected.abs().max().item<float>(), 1e-3);
            difference.Should().BeLessThanOrEqualTo(1e-4 * size, name);
        }
    }

    [Fact]
    public void Devices_with_a_model_that_cannot_build_replicas_are_refused_naming_the_interface()
    {
        var options = Options();
        options.Devices = new List<DeviceSpec> { "cpu", "cpu" };
        using var model = TrainingSetup.Model();

        var create = () => new Trainer(model, options);

        create.Should().Throw<ArgumentException>().WithMessage("*2 devices*TinyNet*IReplicableModule*");
    }

    [Fact]
    public void The_validator_rejects_a_device_list_with_auto_or_an_unknown_entry()
    {
        var options = new TrainerOptions { Devices = new List<DeviceSpec> { "cuda:1", "auto" } };

        var result = new TrainerOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().Contain("TrainerOptions.Devices must be a list of \"cpu\", \"cuda\" or \"cuda:N\" entries; got [\"cuda:1\", \"auto\"].");
    }

    private static TrainerOptions Options()
    {
        var options = TrainingSetup.Options(epochs: 2);
        options.Optimizer.WeightDecay = 0;
        return options;
    }

    /// <summary>
    /// nn.DataParallel's semantics written out on one model: per step, chunk 0 and chunk 1 each through the model in
    /// training mode (batch norm over its own chunk), running statistics kept from chunk 0 only, one cross-entropy
    /// over both chunks' outputs, one SGD step.
    /// </summary>
    private static void TrainLikeDataParallelByHand(AlexNetModel model, Tensor images, Tensor labels, int batchSize, double learningRate)
    {
        using var optimizer = optim.SGD(model.parameters(), learningRate, momentum: 0.9);
        model.train();
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = images.narrow(0, start, batchSize);
            var chunks = batch.tensor_split(2, 0);
            optimizer.zero_grad();
            var first = model.call(chunks[0]);
            var kept = model.named_buffers().Select(b => b.buffer.clone()).ToArray();
            var second = model.call(chunks[1]);
            nn.functional.cross_entropy(cat(new[] { first, second }, 0), labels.narrow(0, start, batchSize)).backward();
            using (no_grad())
            {
                foreach (var (buffer, saved) in model.named_buffers().Select(b => b.buffer).Zip(kept))
                {
                    buffer.copy_(saved);
                }
            }

            optimizer.step();
        }
    }

    /// <summary>Conv 3x3 - ReLU - max-pool - linear, no batch norm and no dropout, able to build its own replicas.</summary>
    private sealed class ReplicableConvNet : nn.Module<Tensor, Tensor>, IReplicableModule
    {
        private readonly Conv2d conv;
        private readonly Linear classifier;

        public ReplicableConvNet(long seed)
            : base(nameof(ReplicableConvNet))
        {
            random.manual_seed(seed);
            conv = nn.Conv2d(1, 6, 3, padding: 1);
            classifier = nn.Linear(6 * 4 * 4, 4);
            RegisterComponents();
        }

        public nn.Module<Tensor, Tensor> CreateReplica() => new ReplicableConvNet(seed: 0);

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = nn.functional.max_pool2d(nn.functional.relu(conv.call(input)), 2).flatten(1);
            return scope.MoveToOuter(classifier.call(x));
        }
    }
}
