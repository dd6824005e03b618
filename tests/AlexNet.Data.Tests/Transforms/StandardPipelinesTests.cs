using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Models.Weights;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

public class StandardPipelinesTests
{
    private static Tensor Images(long n, long c, long h, long w) =>
        randint(0, 256, new[] { n, c, h, w }, dtype: ScalarType.Byte, generator: new Generator(17));

    [Fact]
    public void Cifar_batch_norm_training_is_crop_flip_float_jitter_grayscale_normalize()
    {
        var pipeline = (Compose)StandardPipelines.CifarBatchNormTrain();

        pipeline.Transforms.Select(t => t.GetType().Name).Should().Equal(
            "RandomCrop", "RandomHorizontalFlip", "ToFloat", "ColorJitter", "RandomGrayscale", "Normalize");
        var crop = (RandomCrop)pipeline.Transforms[0];
        crop.Size.Should().Be(new ImageSize(32, 32));
        crop.Padding.Should().Be(new Padding(4, 4, 4, 4));
        ((RandomGrayscale)pipeline.Transforms[4]).P.Should().Be(0.3);
        var jitter = (ColorJitter)pipeline.Transforms[3];
        jitter.Brightness.Should().Be((0.8, 1.2));
        jitter.Hue.Should().Be((-0.1, 0.1));
        using var images = Images(8, 3, 32, 32);
        using var output = pipeline.Apply(images, seed: 1);
        output.shape.Should().Equal(8, 3, 32, 32);
        output.dtype.Should().Be(ScalarType.Float32);
    }

    [Fact]
    public void Cifar_batch_norm_test_is_exactly_scale_then_standardise()
    {
        using var images = Images(4, 3, 32, 32);
        using var mean = tensor(new[] { 0.4914f, 0.4822f, 0.4465f }).view(1, 3, 1, 1);
        using var std = tensor(new[] { 0.2470f, 0.2435f, 0.2616f }).view(1, 3, 1, 1);
        using var expected = images.to(ScalarType.Float32).div(255).sub(mean).div(std);

        using var output = StandardPipelines.CifarBatchNormTest().Apply(images, seed: 0);

        output.ShouldEqualExactly(expected);
    }

    [Fact]
    public void The_227_recipe_normalising_before_resizing_equals_resizing_first_to_float_rounding()
    {
        using var images = Images(4, 3, 32, 32);
        EvaluationPreprocessing cifar = KnownWeights.Cifar10.Preprocessing;
        var torchvisionOrder = ImageTransforms.Compose(
            ImageTransforms.ToFloat(), ImageTransforms.Resize(new ImageSize(227, 227)),
            ImageTransforms.Normalize(cifar.Mean, cifar.Std));
        using var expected = torchvisionOrder.Apply(images, seed: 0);

        using var output = StandardPipelines.Resize227Test().Apply(images, seed: 0);
        using var training = StandardPipelines.Resize227Train().Apply(images, seed: 0);

        output.ShouldBeWithin(expected, 1e-5);
        training.shape.Should().Equal(4, 3, 227, 227);
    }

    [Fact]
    public void Fashion_mnist_recipes_give_one_or_three_identical_channels_at_the_asked_size()
    {
        using var images = Images(3, 1, 28, 28);

        using var one = StandardPipelines.FashionMnist1Channel(28).Apply(images, seed: 0);
        using var three = StandardPipelines.FashionMnist3Channel(64).Apply(images, seed: 0);

        one.shape.Should().Equal(3, 1, 28, 28);
        using var expected = images.to(ScalarType.Float32).div(255).sub(0.28604f).div(0.35302f);
        one.ShouldEqualExactly(expected);
        three.shape.Should().Equal(3, 3, 64, 64);
        using var first = three.narrow(1, 0, 1);
        using var last = three.narrow(1, 2, 1);
        last.ShouldEqualExactly(first);
    }

    [Theory]
    [InlineData(224)]
    [InlineData(227)]
    public void The_papers_training_pipeline_makes_random_crops_of_256_images(int cropSize)
    {
        using var images = Images(2, 3, 300, 400);

        using var output = StandardPipelines.PaperTrain(cropSize).Apply(images, seed: 5);

        output.shape.Should().Equal(2, 3, cropSize, cropSize);
        ((Compose)StandardPipelines.PaperTrain(cropSize)).Transforms.OfType<PcaLighting>().Single().AlphaStd.Should().Be(0.1);
    }

    [Fact]
    public void The_papers_test_recipe_makes_ten_views_of_each_256_image()
    {
        var recipe = StandardPipelines.PaperTest(224);
        using var images = Images(2, 3, 256, 300);

        using var prepared = recipe.Transform.Apply(images, seed: 0);
        using var views = recipe.Views.CreateViews(prepared);

        prepared.shape.Should().Equal(2, 3, 256, 256);
        recipe.Views.ViewCount.Should().Be(10);
        views.shape.Should().Equal(20, 3, 224, 224);
    }
}
