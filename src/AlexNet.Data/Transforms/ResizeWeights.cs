using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Bilinear resizing along one axis as a matrix (output x input) of PyTorch's interpolation weights, so that a resize is
/// two matrix products, <c>W_h X W_w^T</c>. The weights are computed in float32 exactly as PyTorch's CPU kernels do
/// (<c>align_corners=False</c>; with antialiasing, its triangle filter widened by the scale and renormalised).
/// </summary>
internal static class ResizeWeights
{
    /// <summary>
    /// Products cost <c>2 (inH inW / outH + inH)</c> multiply-adds per output pixel (or the transposed order); below this
    /// many, resizing is two BLAS products; above, interpolate's per-pixel kernel (docs/benchmarks.md, the transforms
    /// suite, has the measurements behind the threshold).
    /// </summary>
    private const double MaxFlopsPerOutputPixel = 160;

    /// <summary>Whether resizing <paramref name="height"/> x <paramref name="width"/> to the output size is cheaper as matrix products.</summary>
    public static bool PreferMatrices(long height, long width, long outputHeight, long outputWidth)
    {
        return Math.Min(WidthFirstCost(height, width, outputHeight), HeightFirstCost(height, width, outputWidth)) <= MaxFlopsPerOutputPixel;
    }

    /// <summary>Flops per output pixel when the columns are resized first, then the rows.</summary>
    private static double WidthFirstCost(long height, long width, long outputHeight) => 2.0 * ((height * (double)width / outputHeight) + height);

    /// <summary>Flops per output pixel when the rows are resized first, then the columns.</summary>
    private static double HeightFirstCost(long height, long width, long outputWidth) => 2.0 * ((height * (double)width / outputWidth) + width);

    /// <summary>Resizes a float batch N x C x H x W with two matrix products.</summary>
    public static Tensor Resize(Tensor batch, long outputHeight, long outputWidth, bool antialias)
    {
        using var scope = NewDisposeScope();
        long n = batch.shape[0], c = batch.shape[1], height = batch.shape[2], width = batch.shape[3];
        Tensor rows = Matrix(height, outputHeight, antialias).to(batch.dtype, batch.device);
        Tensor columns = Matrix(width, outputWidth, antialias).to(batch.dtype, batch.device).t();
        Tensor planes = batch.reshape(n * c, height, width);
        if (batch.dtype != ScalarType.Float32 || HeightFirstCost(height, width, outputWidth) > WidthFirstCost(height, width, outputHeight))
        {
            return rows.matmul(planes.matmul(columns)).view(n, c, outputHeight, outputWidth).MoveToOuterDisposeScope();
        }

        // Rows first, then the columns as one 2-D product written straight into the output tensor, which can thus be
        // allocated with the huge-page hint (a product with a batched left operand would allocate its own result).
        Tensor tall = rows.matmul(planes).reshape(n * c * outputHeight, width);
        Tensor resized = HugePageHint.EmptyFloat(new[] { n, c, outputHeight, outputWidth }, batch.device);
        resized.view(n * c * outputHeight, outputWidth).addmm_(tall, columns, beta: 0, alpha: 1);
        return resized.MoveToOuterDisposeScope();
    }

    /// <summary>The weights (output x input) of bilinear resizing from <paramref name="input"/> to <paramref name="output"/> samples.</summary>
    public static Tensor Matrix(long input, long output, bool antialias)
    {
        var weights = new float[output * input];
        if (input == output)
        {
            for (long o = 0; o < output; o++)
            {
                weights[(o * input) + o] = 1;
            }
        }
        else if (antialias)
        {
            FillAntialiased(weights, input, output);
        }
        else
        {
            FillBilinear(weights, input, output);
        }

        return tensor(weights, new[] { output, input });
    }

    /// <summary>PyTorch's upsample_bilinear2d (align_corners=False): two taps at the clamped source position.</summary>
    private static void FillBilinear(float[] weights, long input, long output)
    {
        float scale = (float)input / output;
        for (long o = 0; o < output; o++)
        {
            float source = Math.Max((scale * (o + 0.5f)) - 0.5f, 0f);
            long i0 = Math.Min((long)MathF.Floor(source), input - 1);
            float lambda1 = Math.Clamp(source - i0, 0f, 1f);
            long i1 = i0 + (i0 < input - 1 ? 1 : 0);
            weights[(o * input) + i0] += 1f - lambda1;
            weights[(o * input) + i1] += lambda1;
        }
    }

    /// <summary>PyTorch's _upsample_bilinear2d_aa: a triangle filter of half-width max(scale, 1), weights renormalised.</summary>
    private static void FillAntialiased(float[] weights, long input, long output)
    {
        float scale = (float)input / output;
        float support = scale >= 1f ? scale : 1f;
        float inverseScale = scale >= 1f ? 1f / scale : 1f;
        var taps = new float[input];
        for (long o = 0; o < output; o++)
        {
            float center = scale * (o + 0.5f);
            long first = Math.Max((long)(center - support + 0.5f), 0);
            long count = Math.Min((long)(center + support + 0.5f), input) - first;
            float total = 0;
            for (long j = 0; j < count; j++)
            {
                float x = Math.Abs((j + first - center + 0.5f) * inverseScale);
                taps[j] = x < 1f ? 1f - x : 0f;
                total += taps[j];
            }

            for (long j = 0; j < count; j++)
            {
                weights[(o * input) + first + j] = total != 0 ? taps[j] / total : taps[j];
            }
        }
    }
}
