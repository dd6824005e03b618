#pragma warning disable CS1591
using static TorchSharp.torch;
namespace AlexNet.Data.Transforms;
public static class ColorOpsProbe
{
    public static Tensor Brightness(Tensor x, Tensor f) => ColorOps.Brightness(x, f);
    public static Tensor Contrast(Tensor x, Tensor f) => ColorOps.Contrast(x, f);
    public static Tensor Saturation(Tensor x, Tensor f) => ColorOps.Saturation(x, f);
    public static Tensor Hue(Tensor x, Tensor f) => ColorOps.Hue(x, f);
}
public static class ColorOpsProbe2
{
    public static Tensor Luma(Tensor x) => ColorOps.Luma(x);
    public static Tensor Blend(Tensor x, Tensor o, Tensor f) => ColorOps.Blend(x, o, f);
}
