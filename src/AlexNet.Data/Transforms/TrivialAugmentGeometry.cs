using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// The geometric operations of TrivialAugmentWide (shear, translation, rotation) as torchvision 0.14's tensor
/// <c>F.affine</c> / <c>F.rotate</c> compute them: the inverse affine matrix of <c>_get_inverse_affine_matrix</c> in
/// float64, the sampling grid of <c>_gen_affine_grid</c> in float32, nearest <c>grid_sample</c> (zeros outside), rounded
/// back to the image dtype. One matrix per image.
/// </summary>
internal static class TrivialAugmentGeometry
{
    private const double DegreesToRadians = Math.PI / 180.0;
    private const double RadiansToDegrees = 180.0 / Math.PI;

    /// <summary>The inverse matrix of ShearX (<paramref name="x"/> true) or ShearY by <paramref name="magnitude"/>, centre at the top-left corner.</summary>
    public static double[] Shear(double magnitude, bool x, long height, long width)
    {
        double degrees = Math.Atan(magnitude) * RadiansToDegrees;
        return InverseAffine(-width * 0.5, -height * 0.5, 0, 0, 0, x ? degrees : 0, x ? 0 : degrees);
    }

    /// <summary>The inverse matrix of a translation by whole pixels.</summary>
    public static double[] Translate(long dx, long dy) => InverseAffine(0, 0, 0, dx, dy, 0, 0);

    /// <summary>The inverse matrix of <c>F.rotate(img, angle)</c> (counter-clockwise degrees, about the centre).</summary>
    public static double[] Rotate(double angle) => InverseAffine(0, 0, -angle, 0, 0, 0, 0);

    /// <summary>torchvision's <c>_get_inverse_affine_matrix</c> with scale 1 (angles and shears in degrees).</summary>
    private static double[] InverseAffine(double cx, double cy, double angle, double tx, double ty, double shearX, double shearY)
    {
        double rot = angle * DegreesToRadians;
        double sx = shearX * DegreesToRadians;
        double sy = shearY * DegreesToRadians;
        double a = Math.Cos(rot - sy) / Math.Cos(sy);
        double b = (-Math.Cos(rot - sy) * Math.Tan(sx) / Math.Cos(sy)) - Math.Sin(rot);
        double c = Math.Sin(rot - sy) / Math.Cos(sy);
        double d = (-Math.Sin(rot - sy) * Math.Tan(sx) / Math.Cos(sy)) + Math.Cos(rot);
        var m = new[] { d, -b, 0.0, -c, a, 0.0 };
        m[2] += (m[0] * (-cx - tx)) + (m[1] * (-cy - ty));
        m[5] += (m[3] * (-cx - tx)) + (m[4] * (-cy - ty));
        m[2] += cx;
        m[5] += cy;
        return m;
    }

    /// <summary>Resamples image n of <paramref name="batch"/> through matrix n (each six float64 values), nearest, zeros outside.</summary>
    public static Tensor Warp(Tensor batch, double[][] matrices)
    {
        long n = batch.shape[0], h = batch.shape[2], w = batch.shape[3];
        var flat = new float[n * 6];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                flat[(i * 6) + k] = (float)matrices[i][k];
            }
        }

        Tensor theta = tensor(flat, new[] { n, 2, 3 });
        Tensor baseGrid = empty(new[] { 1, h, w, 3 }, ScalarType.Float32);
        baseGrid[TensorIndex.Ellipsis, 0].copy_(linspace((-w * 0.5) + 0.5, (w * 0.5) + 0.5 - 1, w, ScalarType.Float32));
        baseGrid[TensorIndex.Ellipsis, 1].copy_(linspace((-h * 0.5) + 0.5, (h * 0.5) + 0.5 - 1, h, ScalarType.Float32).unsqueeze_(-1));
        baseGrid[TensorIndex.Ellipsis, 2].fill_(1);
        Tensor rescaled = theta.transpose(1, 2).div(tensor(new[] { 0.5f * w, 0.5f * h }));
        Tensor grid = baseGrid.view(1, h * w, 3).expand(n, h * w, 3).bmm(rescaled).view(n, h, w, 2);
        bool integer = !batch.is_floating_point();
        Tensor input = integer ? batch.to(ScalarType.Float32) : batch;
        Tensor sampled = nn.functional.grid_sample(
            input, grid.to(input.dtype, batch.device), GridSampleMode.Nearest, GridSamplePaddingMode.Zeros, align_corners: false);
        return integer ? sampled.round_().to(batch.dtype) : sampled;
    }
}
