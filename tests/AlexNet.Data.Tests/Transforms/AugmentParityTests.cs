using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using AlexNet.Data.Transforms;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Transforms;

/// <summary>
/// RandomErasing and TrivialAugmentWide against torchvision 0.14 (tests/fixtures/transforms/augment_fixtures.json, made
/// by make_augment_fixtures.py beside it): F.erase with given boxes, get_params' box rule on the draws it consumed under
/// fixed torch seeds, and TrivialAugmentWide's _apply_op per operation and magnitude on uint8 images.
/// </summary>
public class AugmentParityTests
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(
        File.ReadAllText(RepositoryFile.Find(Path.Combine("tests", "fixtures", "transforms", "augment_fixtures.json")))));

    private static JsonElement Root => Document.Value.RootElement;

    [Theory]
    [InlineData("zero")]
    [InlineData("per_channel")]
    [InlineData("random")]
    public void Erasing_a_given_box_equals_torchvision_erase_exactly(string name)
    {
        JsonElement erase = Root.GetProperty("erase");
        JsonElement c = erase.GetProperty(name);
        using var image = erase.Tensor("image").unsqueeze(0);
        using var expected = c.Tensor("expected").unsqueeze(0);
        int[] box = c.Ints("box");
        using Tensor values = name switch
        {
            "zero" => zeros(1, 1, 1, 1),
            "per_channel" => tensor(c.Floats("value")).view(1, 3, 1, 1),
            _ => zeros(1, 3, 16, 16).index_put_(
                c.Tensor("noise").unsqueeze(0),
                TensorIndex.Ellipsis,
                TensorIndex.Slice(box[0], box[0] + box[2]),
                TensorIndex.Slice(box[1], box[1] + box[3])),
        };
        var transform = (RandomErasing)ImageTransforms.RandomErasing(p: 1, randomValue: name == "random");

        using var actual = transform.ApplyWith(image, tensor(new[] { true }), tensor(new long[] { box[0] }), tensor(new long[] { box[1] }),
            tensor(new long[] { box[2] }), tensor(new long[] { box[3] }), values);

        actual.ShouldEqualExactly(expected);
    }

    [Fact]
    public void The_erased_box_size_follows_torchvisions_get_params_on_the_draws_it_consumed()
    {
        int checkedCases = 0, fallbacks = 0;
        foreach (JsonElement c in Root.GetProperty("erase_get_params").EnumerateArray())
        {
            float[] fractions = Pad(c.Floats("fractions"));
            float[] logRatios = Pad(c.Floats("log_ratios"));
            using var fraction = tensor(fractions).view(1, 10);
            using var logRatio = tensor(logRatios).view(1, 10);

            var (found, heights, widths) = RandomErasing.BoxSizes(fraction, logRatio, 12, 16);

            bool torchvisionFound = c.GetProperty("height").GetInt32() < 12;
            found.item<bool>().Should().Be(torchvisionFound);
            if (torchvisionFound)
            {
                heights.item<long>().Should().Be(c.GetProperty("height").GetInt64());
                widths.item<long>().Should().Be(c.GetProperty("width").GetInt64());
            }
            else
            {
                fallbacks++;
            }

            checkedCases++;
        }

        checkedCases.Should().Be(80);
        fallbacks.Should().BeGreaterThan(0, "the second range, (0.5, 0.99) of the area, makes some images fail all ten tries");
    }

    [Fact]
    public void Trivial_augment_magnitude_tables_are_torchvisions_within_one_float32_step_and_translations_equal()
    {
        JsonElement ta = Root.GetProperty("trivial_augment");
        string[] ops = ta.GetProperty("ops").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var transform = (TrivialAugmentWide)ImageTransforms.TrivialAugmentWide();

        ops.Should().Equal(TrivialAugmentWide.Operations);
        for (int op = 0; op < ops.Length; op++)
        {
            float[] table = ta.GetProperty("tables").GetProperty(ops[op]).EnumerateArray().Select(e => e.GetSingle()).ToArray();
            double[] ours = Enumerable.Range(0, table.Length).Select(b => transform.Magnitude(op, b)).ToArray();
            for (int b = 0; b < table.Length; b++)
            {
                float mine = (float)ours[b];
                (mine == table[b] || MathF.BitIncrement(mine) == table[b] || MathF.BitDecrement(mine) == table[b])
                    .Should().BeTrue($"{ops[op]} bin {b}: {mine} against torchvision's {table[b]}");
                ((long)mine).Should().Be((long)table[b], "whole-pixel translations (int of the magnitude) must be equal");
            }
        }
    }

    [Fact]
    public void Every_trivial_augment_operation_equals_torchvisions_apply_op_on_uint8_images()
    {
        JsonElement ta = Root.GetProperty("trivial_augment");
        var transform = (TrivialAugmentWide)ImageTransforms.TrivialAugmentWide();
        using var rgb = ta.Tensor("rgb").unsqueeze(0);
        using var gray = ta.Tensor("gray").unsqueeze(0);
        var failures = new System.Collections.Generic.List<string>();
        foreach (JsonElement c in ta.GetProperty("cases").EnumerateArray())
        {
            string op = c.GetProperty("op").GetString()!;
            double magnitude = c.GetProperty("magnitude").GetDouble();
            Tensor image = c.GetProperty("image").GetString() == "rgb" ? rgb : gray;
            using var expected = c.Tensor("expected").unsqueeze(0);

            using var actual = transform.ApplyWith(image, new[] { Array.IndexOf(TrivialAugmentWide.Operations, op) }, new[] { magnitude });

            using var difference = actual.to(ScalarType.Int32).sub(expected.to(ScalarType.Int32)).abs();
            int largest = difference.max().item<int>();
            long differing = difference.gt(0).sum().item<long>();
            if (largest > 0)
            {
                failures.Add($"{op} {magnitude} {c.GetProperty("image").GetString()}: {differing} pixels differ, by up to {largest}");
            }
        }

        failures.Should().BeEmpty();
    }

    [Fact]
    public void Trivial_augment_draws_per_image_from_the_seed()
    {
        using var images = randint(0, 256, new long[] { 64, 3, 16, 16 }, ScalarType.Byte);
        var transform = ImageTransforms.TrivialAugmentWide();

        using var first = transform.Apply(images, seed: 3);
        using var again = transform.Apply(images, seed: 3);
        using var other = transform.Apply(images, seed: 4);
        using var changed = first.ne(images).flatten(1).any(1);

        again.ShouldEqualExactly(first);
        other.eq(first).all().item<bool>().Should().BeFalse();
        changed.sum().item<long>().Should().BeInRange(40, 63, "Identity (1 of 14) and a few no-op draws leave some images as they are");
    }

    [Fact]
    public void Random_erasing_erases_about_p_of_the_images_inside_them_and_nothing_else()
    {
        using var images = ones(400, 3, 12, 16);
        var transform = ImageTransforms.RandomErasing(p: 0.5);

        using var erased = transform.Apply(images, seed: 5);
        using var touched = erased.eq(0).flatten(1).any(1);
        using var outside = erased.ne(0).logical_and(erased.ne(1));

        touched.sum().item<long>().Should().BeInRange(160, 240, "p = 0.5 of 400 images, less the rare ten failed tries");
        outside.any().item<bool>().Should().BeFalse();
    }

    private static float[] Pad(float[] draws) => draws.Concat(Enumerable.Repeat(draws[^1], 10 - draws.Length)).ToArray();
}
