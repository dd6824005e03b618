using System;
using AlexNet.Core.Models;

namespace AlexNet.Core.Tests.Models;

/// <summary>
/// The full-size models the count and summary tests share, each built once (60M parameters, 240 MB apiece) and
/// never run: counts, keys and summaries need no forward pass.
/// </summary>
public sealed class FullSizeModels : IDisposable
{
    private readonly Lazy<AlexNetModel> _paper = new(() => AlexNetFactory.Create(Variant.Paper, 1000));
    private readonly Lazy<AlexNetModel> _paperTwoTowers = new(() => AlexNetFactory.Create(Variant.Paper, 1000, new AlexNetOptions { Reproduction = { Groups = 2 } }));
    private readonly Lazy<AlexNetModel> _torchVision = new(() => AlexNetFactory.Create(Variant.TorchVision, 1000));
    private readonly Lazy<AlexNetModel> _cifarBatchNorm = new(() => AlexNetFactory.Create(Variant.CifarBatchNorm, 10));

    /// <summary>Variant.Paper, 1000 classes, single tower.</summary>
    public AlexNetModel Paper => _paper.Value;

    /// <summary>Variant.Paper, 1000 classes, two towers.</summary>
    public AlexNetModel PaperTwoTowers => _paperTwoTowers.Value;

    /// <summary>Variant.TorchVision, 1000 classes.</summary>
    public AlexNetModel TorchVision => _torchVision.Value;

    /// <summary>Variant.CifarBatchNorm, 10 classes.</summary>
    public AlexNetModel CifarBatchNorm => _cifarBatchNorm.Value;

    public void Dispose()
    {
        foreach (var model in new[] { _paper, _paperTwoTowers, _torchVision, _cifarBatchNorm })
        {
            if (model.IsValueCreated)
            {
                model.Value.Dispose();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FullSizeModelsCollection : ICollectionFixture<FullSizeModels>
{
    public const string Name = "Full-size models";
}
