using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models;
using AlexNet.Core.Models.Weights;
using AlexNet.Core.Tests.Interop;
using AlexNet.Core.Tests.Interop.Pretrained;

namespace AlexNet.Core.Tests.Models;

/// <summary>torchvision's pretrained ImageNet-1k AlexNet in the catalogue: file, address, hash, class names, transform, metrics.</summary>
public class ImageNetCatalogueTests
{
    [Fact]
    public void The_entry_is_torchvisions_alexnet_imagenet1k_v1_file_and_reported_metrics()
    {
        WeightsDescriptor weights = KnownWeights.ImageNet1kV1;

        weights.FileName.Should().Be("alexnet-owt-7be5be79.pth");
        weights.Url.Should().Be(new System.Uri("https://download.pytorch.org/models/alexnet-owt-7be5be79.pth"));
        weights.Sha256Prefix.Should().Be("7be5be79");
        weights.MaxFileLength.Should().Be(256L << 20);
        weights.Metrics.Should().BeEquivalentTo(new System.Collections.Generic.Dictionary<string, double> { ["acc@1"] = 56.522, ["acc@5"] = 79.066 });
        weights.Model.Variant.Should().Be(Variant.TorchVision);
        weights.Model.NumClasses.Should().Be(1000);
        weights.Model.ParameterCount.Should().Be(61_100_840, "torchvision's num_params");
    }

    [Fact]
    public void The_hash_prefix_is_the_one_torch_hub_reads_from_the_file_name()
    {
        // torch.hub's HASH_REGEX, applied by load_state_dict_from_url(check_hash=True).
        Match match = Regex.Match(KnownWeights.ImageNet1kV1.FileName!, @"-([a-f0-9]*)\.");

        match.Groups[1].Value.Should().Be(KnownWeights.ImageNet1kV1.Sha256Prefix);
    }

    [Fact]
    public void The_evaluation_transform_is_resize_256_center_crop_224_and_imagenet_statistics()
    {
        EvaluationPreprocessing preprocessing = KnownWeights.ImageNet1kV1.Preprocessing;

        preprocessing.ResizeShorterSide.Should().Be(256);
        preprocessing.CenterCropSize.Should().Be(new ImageSize(224, 224));
        preprocessing.Mean.Should().Equal(0.485f, 0.456f, 0.406f);
        preprocessing.Std.Should().Equal(0.229f, 0.224f, 0.225f);
    }

    [Fact]
    public void The_1000_category_names_start_and_end_with_torchvisions()
    {
        var categories = DatasetCategories.ImageNet;

        categories.Should().HaveCount(1000).And.OnlyHaveUniqueItems();
        categories.Take(3).Should().Equal("tench", "goldfish", "great white shark");
        categories[207].Should().Be("golden retriever");
        categories[999].Should().Be("toilet tissue");
        KnownWeights.ImageNet1kV1.Categories.Should().Equal(categories);
        KnownWeights.ImageNet.Categories.Should().Equal(categories);
    }

    [PyTorchFact]
    public void The_category_names_are_torchvisions_in_label_order()
    {
        // torchvision/models/_meta.py alone (AlexNet_Weights.IMAGENET1K_V1.meta["categories"] is its list): importing torch takes seconds.
        const string script = """
            import importlib.util, json, os
            root = importlib.util.find_spec("torchvision").submodule_search_locations[0]
            spec = importlib.util.spec_from_file_location("meta", os.path.join(root, "models", "_meta.py"))
            meta = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(meta)
            print(json.dumps(meta._IMAGENET_CATEGORIES))
            """;
        string json = PythonSnippet.Run(script);

        string[] torchvision = JsonSerializer.Deserialize<string[]>(json)!;
        DatasetCategories.ImageNet.Should().Equal(torchvision);
    }
}
