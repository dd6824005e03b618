using System;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Base of the library's transforms: accepts C x H x W or N x C x H x W, checks the input against
/// <see cref="GetOutputSpec"/>, runs <see cref="Transform"/> on a batch inside a dispose scope (so temporaries are
/// freed) and hands the result to the caller's scope.
/// </summary>
internal abstract class ImageTransform : ITransform
{
    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        TransformArguments.RequireCpuGenerator(generator);
        if (images.dim() == 3)
        {
            using Tensor batch = images.unsqueeze(0);
            using Tensor result = RunOnBatch(batch, b => Transform(b, generator));
            return result.squeeze(0);
        }

        return RunOnBatch(images, b => Transform(b, generator));
    }

    /// <inheritdoc />
    public abstract ImageSpec GetOutputSpec(ImageSpec input);

    /// <summary>
    /// Transforms a batch N x C x H x W whose spec <see cref="GetOutputSpec"/> accepted. Runs inside a dispose scope:
    /// temporaries need no disposal. May return its input, which the caller then aliases.
    /// </summary>
    protected abstract Tensor Transform(Tensor batch, Generator generator);

    /// <summary>
    /// Checks that <paramref name="images"/> is a batch this transform accepts, runs <paramref name="body"/> on it in a
    /// dispose scope and returns its result as a new tensor in the caller's scope. The random transforms'
    /// <c>ApplyWith</c> ("apply with these parameters") methods use it too.
    /// </summary>
    protected Tensor RunOnBatch(Tensor images, Func<Tensor, Tensor> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        TransformArguments.RequireBatch(images);
        GetOutputSpec(ImageSpec.Of(images));
        using var scope = NewDisposeScope();
        Tensor result = body(images);
        if (ReferenceEquals(result, images))
        {
            result = images.alias();
        }

        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The transform's name and arguments, for messages.</summary>
    public override string ToString() => GetType().Name;
}
