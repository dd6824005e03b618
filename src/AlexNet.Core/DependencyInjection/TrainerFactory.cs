using System;
using AlexNet.Core.Training;
using AlexNet.Core.Training.Hooks;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace AlexNet.Core.DependencyInjection;

/// <summary>
/// Creates trainers from the configured <see cref="TrainerOptions"/> (registered by
/// <see cref="TrainingServiceCollectionExtensions.AddAlexNetTraining(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>).
/// </summary>
public sealed class TrainerFactory
{
    private readonly IOptions<TrainerOptions> _options;

    /// <summary>Creates the factory over <paramref name="options"/>.</summary>
    public TrainerFactory(IOptions<TrainerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options every trainer is created with.</summary>
    public TrainerOptions Options => _options.Value;

    /// <summary>
    /// A trainer for <paramref name="model"/>; when <see cref="TrainerOptions.Checkpoints"/> names a directory, a
    /// <see cref="CheckpointHook"/> with those options is already added. Add further hooks as needed.
    /// </summary>
    public Trainer Create(nn.Module<Tensor, Tensor> model)
    {
        var options = Options;
        var trainer = new Trainer(model, options);
        if (!string.IsNullOrWhiteSpace(options.Checkpoints.Directory))
        {
            trainer.Hooks.Add(new CheckpointHook(options.Checkpoints));
        }

        return trainer;
    }
}
