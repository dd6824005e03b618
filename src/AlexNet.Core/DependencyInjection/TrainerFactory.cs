using System;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace AlexNet.Core.DependencyInjection;

/// <summary>
/// Creates trainers from the configured <see cref="TrainerOptions"/> and <see cref="CheckpointOptions"/> (registered by
/// <see cref="TrainingServiceCollectionExtensions.AddAlexNetTraining(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>).
/// </summary>
public sealed class TrainerFactory
{
    private readonly IOptions<TrainerOptions> _options;
    private readonly IOptions<CheckpointOptions> _checkpoints;

    /// <summary>Creates the factory over <paramref name="options"/> and <paramref name="checkpoints"/>.</summary>
    public TrainerFactory(IOptions<TrainerOptions> options, IOptions<CheckpointOptions> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(checkpoints);
        _options = options;
        _checkpoints = checkpoints;
    }

    /// <summary>The options every trainer is created with.</summary>
    internal TrainerOptions Options => _options.Value;

    /// <summary>The checkpointing every trainer gets: a <see cref="CheckpointHook"/> when <see cref="CheckpointOptions.Directory"/> is set.</summary>
    internal CheckpointOptions Checkpoints => _checkpoints.Value;

    /// <summary>
    /// A trainer for <paramref name="model"/>; when <see cref="Checkpoints"/> names a directory, a
    /// <see cref="CheckpointHook"/> with those options is already added. Add further hooks as needed.
    /// </summary>
    public Trainer Create(nn.Module<Tensor, Tensor> model)
    {
        var trainer = new Trainer(model, Options);
        var checkpoints = Checkpoints;
        if (!string.IsNullOrWhiteSpace(checkpoints.Directory))
        {
            trainer.Hooks.Add(new CheckpointHook(checkpoints));
        }

        return trainer;
    }
}
