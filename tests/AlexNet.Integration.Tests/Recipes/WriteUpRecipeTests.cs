using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using AlexNet.Samples.Common.Recipes;

namespace AlexNet.Integration.Tests.Recipes;

/// <summary>
/// Each write-up's recipe pinned setting by setting: the expected JSON below is the table of docs/recipes.md, written
/// from the write-ups' code in /work/shared/seeds (000 to 004), and --dry-run must print exactly it.
/// </summary>
public class WriteUpRecipeTests
{
    private const string Adam = """{ "kind": "Adam", "weightDecay": 0, "momentum": null, "betas": [0.9, 0.999] }""";

    /// <summary>000: dataloader.py, model.py and train.py of "[AlexNet] AlexNet Implementation".</summary>
    [Fact]
    public void Write_up_000_is_the_paper_network_with_lrn_adam_1e_4_batch_128_for_20_epochs_with_its_own_statistics()
    {
        ShouldMatch("cifar10-000", """
        {
          "dataset": "Cifar10", "variant": "Paper", "inputSize": 227, "inputChannels": 3, "classes": 10,
          "localResponseNorm": true, "lrnAlpha": 0.0001, "lrnAlphaConvention": "PyTorch",
          "init": "PaperConvolutions", "classifierWidth": 4096,
          "dropout": { "placement": "BeforeHiddenLinear", "rate": 0.5, "inEvaluation": false },
          "outputLogSoftmax": false, "loss": "CrossEntropy",
          "optimizer": { "lr": 0.0001 },
          "schedule": { "kind": "None", "stepEpochs": null, "factor": null, "patience": null, "resetOptimizer": false },
          "trainBatchSize": 128, "testBatchSize": 128, "epochs": 20,
          "transforms": {
            "train": ["Resize((227, 227))", "ToTensor()", "Normalize(mean=[train_meanR, train_meanG, train_meanB], std=[train_stdR, train_stdG, train_stdB])"],
            "test": ["Resize((227, 227))", "ToTensor()", "Normalize(mean=[train_meanR, train_meanG, train_meanB], std=[train_stdR, train_stdG, train_stdB])"]
          },
          "normalization": { "kind": "PerImageAt224", "mean": null, "std": null },
          "reported": { "metric": "test accuracy after the last of 20 epochs", "value": 0.8045, "final": null },
          "tensorBoardTags": ["Test Loss", "Test Accuracy"],
          "chosenByUs": ["InputSize", "Transforms"]
        }
        """, adam: true);
    }

    /// <summary>001: the Fashion-MNIST notebook (fashion_mnist_alexnet, F.nll_loss, optim.Adam(model.parameters())).</summary>
    [Fact]
    public void Write_up_001_is_1_channel_without_lrn_dropout_after_the_relus_kept_on_in_eval_log_softmax_nll_adam_batch_64()
    {
        ShouldMatch("fashion-mnist-001", """
        {
          "dataset": "FashionMnist", "variant": "Paper", "inputSize": 227, "inputChannels": 1, "classes": 10,
          "localResponseNorm": false, "lrnAlpha": null, "lrnAlphaConvention": null,
          "init": "PyTorchDefault", "classifierWidth": 4096,
          "dropout": { "placement": "AfterHiddenReLU", "rate": 0.5, "inEvaluation": true },
          "outputLogSoftmax": true, "loss": "Nll",
          "optimizer": { "lr": 0.001 },
          "schedule": { "kind": "None", "stepEpochs": null, "factor": null, "patience": null, "resetOptimizer": false },
          "trainBatchSize": 64, "testBatchSize": 64, "epochs": 10,
          "transforms": { "train": ["Resize(227)", "ToTensor()"], "test": ["Resize(227)", "ToTensor()"] },
          "normalization": { "kind": "None", "mean": null, "std": null },
          "reported": { "metric": "test accuracy after 10 epochs (tested after every epoch)", "value": 0.9, "final": null },
          "tensorBoardTags": [],
          "chosenByUs": []
        }
        """, adam: true);
    }

    [Fact]
    public void Write_up_001s_intended_variant_differs_only_in_dropout_at_test_time()
    {
        var quirk = Settings("fashion-mnist-001");
        var intended = Settings("fashion-mnist-001-eval-dropout-off");

        var differences = quirk.Keys.Union(intended.Keys).Where(k => quirk.GetValueOrDefault(k) != intended.GetValueOrDefault(k)).ToList();

        differences.Should().BeEquivalentTo(
            "recipe", "source", "dropout.inEvaluation", "reported.metric", "reported.value", "reported.text", "chosenByUs", "chosenByUs[0]");
        intended["dropout.inEvaluation"].Should().Be("false");
    }

    /// <summary>002: "[Intro to AI] CIFAR-10 AlexNet" (AlexNet_SukJoon, Adam 0.001, BATCH_SIZE 512, end_epoch 100).</summary>
    [Fact]
    public void Write_up_002_is_the_batch_norm_network_with_the_identity_color_jitter_adam_1e_3_batch_512_for_100_epochs()
    {
        ShouldMatch("cifar10-002", """
        {
          "dataset": "Cifar10", "variant": "CifarBatchNorm", "inputSize": 32, "inputChannels": 3, "classes": 10,
          "localResponseNorm": false, "lrnAlpha": null, "lrnAlphaConvention": null,
          "init": "PyTorchDefault", "classifierWidth": 2048,
          "dropout": { "placement": "BeforeHiddenLinear", "rate": 0.2, "inEvaluation": false },
          "outputLogSoftmax": false, "loss": "CrossEntropy",
          "optimizer": { "lr": 0.001 },
          "schedule": { "kind": "None", "stepEpochs": null, "factor": null, "patience": null, "resetOptimizer": false },
          "trainBatchSize": 512, "testBatchSize": 512, "epochs": 100,
          "transforms": {
            "train": ["RandomCrop(32, padding=4)", "RandomHorizontalFlip()", "ColorJitter()", "RandomGrayscale(p=0.3)", "ToTensor()", "Normalize((r_m, g_m, b_m), (r_s, g_s, b_s))"],
            "test": ["ToTensor()", "Normalize((r_m, g_m, b_m), (r_s, g_s, b_s))"]
          },
          "normalization": {
            "kind": "TrainingSetPixels",
            "mean": [0.49139967861519607, 0.48215840839460783, 0.44653091444546567],
            "std": [0.2470322324632819, 0.24348512800005573, 0.26158784172796434]
          },
          "reported": { "metric": "best test accuracy of the epochs printed (every 5th); final at epoch 100", "value": 0.9034, "final": 0.899 },
          "tensorBoardTags": [],
          "chosenByUs": []
        }
        """, adam: true);
    }

    [Fact]
    public void Write_up_002s_intended_variant_differs_only_in_a_working_color_jitter()
    {
        var quirk = Settings("cifar10-002");
        var intended = Settings("cifar10-002-jitter");

        var differences = quirk.Keys.Union(intended.Keys).Where(k => quirk.GetValueOrDefault(k) != intended.GetValueOrDefault(k)).ToList();

        differences.Should().BeEquivalentTo(
            "recipe", "source", "transforms.train[2]", "normalization.source", "reported.metric", "reported.value", "reported.final", "reported.text", "chosenByUs", "chosenByUs[0]");
        intended["transforms.train[2]"].Should().Be("\"ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2, hue=0.1)\"");
    }

    /// <summary>003: "AlexNet 구현하기" (no training; torchsummary of its AlexNet and of models.AlexNet()).</summary>
    [Fact]
    public void Write_up_003_trains_nothing_and_is_the_paper_network_without_lrn_or_dropout_with_log_softmax_for_1000_classes()
    {
        ShouldMatch(RecipeCatalogue.Summary003, """
        {
          "dataset": "None", "variant": "Paper", "inputSize": 227, "inputChannels": 3, "classes": 1000,
          "localResponseNorm": false, "lrnAlpha": null, "lrnAlphaConvention": null,
          "init": "PyTorchDefault", "classifierWidth": 4096,
          "dropout": { "placement": "None", "rate": null, "inEvaluation": false },
          "outputLogSoftmax": true, "loss": null, "optimizer": null, "schedule": null,
          "trainBatchSize": null, "testBatchSize": null, "epochs": 0,
          "transforms": { "train": [], "test": [] },
          "normalization": { "kind": "None", "mean": null, "std": null },
          "reported": { "value": null, "final": null },
          "tensorBoardTags": [],
          "chosenByUs": []
        }
        """, adam: false);
    }

    /// <summary>004: "AlexNet, 实现 82% 的精确率" (torchvision widths + LRN, BATCH_SIZE 256, EPOCH 50, a new Adam at lr / 2 every 5 epochs).</summary>
    [Fact]
    public void Write_up_004_is_torchvision_widths_with_lrn_at_227_adam_1e_3_halved_every_5_epochs_by_a_new_adam_batch_256_for_50_epochs()
    {
        ShouldMatch("cifar10-004", """
        {
          "dataset": "Cifar10", "variant": "TorchVision", "inputSize": 227, "inputChannels": 3, "classes": 10,
          "localResponseNorm": true, "lrnAlpha": 0.0001, "lrnAlphaConvention": "PyTorch",
          "init": "PyTorchDefault", "classifierWidth": 4096,
          "dropout": { "placement": "BeforeHiddenLinear", "rate": 0.5, "inEvaluation": false },
          "outputLogSoftmax": false, "loss": "CrossEntropy",
          "optimizer": { "lr": 0.001 },
          "schedule": { "kind": "Step", "stepEpochs": 5, "factor": 0.5, "patience": null, "resetOptimizer": true },
          "trainBatchSize": 256, "testBatchSize": 256, "epochs": 50,
          "transforms": {
            "train": ["RandomHorizontalFlip()", "Resize(227)", "ToTensor()", "Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))"],
            "test": ["Resize(227)", "ToTensor()", "Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))"]
          },
          "normalization": { "kind": "Constant", "mean": [0.4914, 0.4822, 0.4465], "std": [0.247, 0.2435, 0.2616] },
          "reported": { "metric": "test accuracy once, after the last of 50 epochs (printed as a whole percent)", "value": 0.82, "final": null },
          "tensorBoardTags": [],
          "chosenByUs": []
        }
        """, adam: true);
    }

    [Fact]
    public void Every_write_up_has_exactly_one_recipe_that_names_it_as_its_source()
    {
        foreach (string id in new[] { "000", "001", "002", "003", "004" })
        {
            RecipeCatalogue.All.Where(r => r.Source.StartsWith($"write-up {id} ", System.StringComparison.Ordinal)).Should().ContainSingle(id);
        }
    }

    [Fact]
    public void Overrides_show_in_the_dry_run()
    {
        var json = JsonNode.Parse(RecipeDryRun.ToJson(RecipeCatalogue.Find("cifar10-004")!, epochs: 2, trainBatchSize: 32, learningRate: 0.01, trainSubset: 100))!;

        ((int)json["epochs"]!).Should().Be(2);
        ((int)json["trainBatchSize"]!).Should().Be(32);
        ((int)json["testBatchSize"]!).Should().Be(256, "--batch-size changes the training batch; the test batch stays the write-up's");
        ((double)json["optimizer"]!["lr"]!).Should().Be(0.01);
        ((int)json["trainSubset"]!).Should().Be(100);
    }

    /// <summary>Checks every leaf of <paramref name="expected"/> (plus Adam's fixed settings) against the dry run of <paramref name="name"/>.</summary>
    private static void ShouldMatch(string name, string expected, bool adam)
    {
        var want = Flatten(JsonNode.Parse(expected));
        if (adam)
        {
            foreach (var (path, value) in Flatten(JsonNode.Parse(Adam)))
            {
                want["optimizer." + path] = value;
            }
        }

        var actual = Settings(name);
        actual["recipe"].Should().Be($"\"{name}\"");
        var mismatches = want.Where(kv => actual.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => $"{kv.Key}: expected {kv.Value}, --dry-run has {actual.GetValueOrDefault(kv.Key) ?? "(missing)"}")
            .ToList();
        mismatches.Should().BeEmpty();

        string[] required = { "recipe", "variant", "inputSize", "inputChannels", "localResponseNorm", "lrnAlpha", "init", "outputLogSoftmax", "loss", "optimizer", "schedule", "trainBatchSize", "testBatchSize", "epochs", "transforms", "normalization", "reported" };
        JsonNode.Parse(RecipeDryRun.ToJson(RecipeCatalogue.Find(name)!))!.AsObject().Select(p => p.Key).Should().Contain(required);
    }

    private static Dictionary<string, string> Settings(string name) => Flatten(JsonNode.Parse(RecipeDryRun.ToJson(RecipeCatalogue.Find(name)!)));

    /// <summary>Every leaf (and every empty array or null) as "path" to its JSON text.</summary>
    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var leaves = new Dictionary<string, string>();
        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, child) in o)
                    {
                        Walk(child, path.Length == 0 ? key : path + "." + key);
                    }

                    break;
                case JsonArray a when a.Count > 0:
                    for (int i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{path}[{i}]");
                    }

                    break;
                default:
                    leaves[path] = n?.ToJsonString() ?? "null";
                    break;
            }
        }

        Walk(node, string.Empty);
        return leaves;
    }
}
