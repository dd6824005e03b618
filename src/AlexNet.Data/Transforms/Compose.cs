using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Transforms;

/// <summary>
/// A pipeline: applies its transforms in order (torchvision's <c>Compose</c>), drawing every random parameter from the
/// one generator passed in, and disposes the intermediate results as it goes.
/// </summary>
internal sealed class Compose : ITransform
{
    private readonly ITransform[] _transforms;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="transforms">The transforms, applied first to last.</param>
    public Compose(params ITransform[] transforms)
        : this((IEnumerable<ITransform>)transforms)
    {
    }

    /// <summary>Creates the pipeline.</summary>
    /// <param name="transforms">The transforms, applied first to last.</param>
    /// <exception cref="ArgumentException">A transform is null.</exception>
    public Compose(IEnumerable<ITransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        _transforms = transforms.ToArray();
        if (_transforms.Any(t => t is null))
        {
            throw new ArgumentException("A pipeline's transforms must not be null.", nameof(transforms));
        }
    }

    /// <summary>The transforms, first to last.</summary>
    public IReadOnlyList<ITransform> Transforms => _transforms;

    /// <inheritdoc />
    public Tensor Apply(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        TransformArguments.RequireCpuGenerator(generator);
        Tensor current = images;
        foreach (ITransform transform in _transforms)
        {
            Tensor next = transform.Apply(current, generator);
            if (!ReferenceEquals(current, images))
            {
                current.Dispose();
            }

            current = next;
        }

        return ReferenceEquals(current, images) ? images.alias() : current;
    }

    /// <inheritdoc />
    public ImageSpec GetOutputSpec(ImageSpec input) => _transforms.Aggregate(input, (spec, t) => t.GetOutputSpec(spec));

    /// <summary>The pipeline as "Compose(A → B → C)".</summary>
    public override string ToString() => $"Compose({string.Join(" → ", _transforms.Select(t => t.ToString()))})";
}
