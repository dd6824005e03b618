using System;
using System.Collections.Concurrent;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Models;

/// <summary>
/// The table of layer kinds: one <see cref="LayerKind"/> per module type an AlexNet is built from. Geometry, mixed
/// precision, ONNX export, weight initialisation and head replacement all look layers up here.
/// </summary>
internal static class LayerKinds
{
    private static readonly ConcurrentDictionary<Type, LayerKind> Table = new(new LayerKind[]
    {
        new Conv2dKind(),
        new ReLUKind(),
        new LocalResponseNormKind(),
        new MaxPool2dKind(),
        new BatchNormKind<BatchNorm2d>(inputRank: 4),
        new AdaptiveAvgPool2dKind(),
        new DropoutKind(),
        new AlwaysOnDropoutKind(),
        new LinearKind(),
        new BatchNormKind<BatchNorm1d>(inputRank: 2),
    }.ToDictionary(kind => kind.ModuleType));

    /// <summary>The kind of <paramref name="module"/>, matched on its exact type.</summary>
    /// <exception cref="NotSupportedException">No kind is registered for the module's type (the message lists the known kinds).</exception>
    public static LayerKind For(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        Type type = module.GetType();
        if (Table.TryGetValue(type, out LayerKind? kind))
        {
            return kind;
        }

        string known = string.Join(", ", Table.Keys.Select(k => k.Name).Order(StringComparer.Ordinal));
        throw new NotSupportedException($"No layer kind describes {type.FullName} layers; the known kinds are {known}.");
    }

    /// <summary>
    /// Adds <paramref name="kind"/> to the table. Registering the same kind class again does nothing; another kind for a
    /// module type that already has one is an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">A different kind is registered for <see cref="LayerKind.ModuleType"/>.</exception>
    public static void Register(LayerKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        LayerKind registered = Table.GetOrAdd(kind.ModuleType, kind);
        if (registered.GetType() != kind.GetType())
        {
            throw new InvalidOperationException(
                $"{kind.ModuleType.FullName} layers already have the kind {registered.GetType().Name}; {kind.GetType().Name} cannot replace it.");
        }
    }
}
