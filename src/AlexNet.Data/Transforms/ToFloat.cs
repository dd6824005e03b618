using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// uint8 images to float32 in [0, 1] (value / 255), as torchvision's <c>ToTensor</c> does for the pixel values
/// (the tensors are already C x H x W). Floating-point images are converted to float32 without scaling.
/// </summary>
internal sealed class ToFloat : ImageTransform
{
    /// <inheritdoc />
    public override ImageSpec GetOutputSpec(ImageSpec input) => input.WithDType(ScalarType.Float32);

    /// <inheritdoc />
    protected override Tensor Transform(Tensor batch, Generator generator)
    {
        if (batch.dtype == ScalarType.Byte)
        {
            return batch.to(ScalarType.Float32).div_(255.0);
        }

        return batch.to(ScalarType.Float32, copy: true);
    }
}
