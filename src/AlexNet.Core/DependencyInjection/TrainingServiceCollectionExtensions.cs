using System;
using AlexNet.Core.Checkpoints;
using AlexNet.Core.Training.Hooks;
using AlexNet.Core.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.DependencyInjection;

/// <summary>
/// Registers the trainer's options and the checkpointing options (both validated at start-up) and
/// <see cref="TrainerFactory"/>.
/// </summary>
public static class TrainingServiceCollectionExtensions
{
    /// <summary>The configuration section, inside the training section, that <see cref="CheckpointOptions"/> bind to.</summary>
    public const string CheckpointsSectionName = "Checkpoints";

    /// <summary>
    /// Binds <see cref="TrainerOptions"/> to <paramref name="configuration"/> (typically
    /// <c>configuration.GetSection("Training")</c>) and <see cref="CheckpointOptions"/> to its "Checkpoints" child,
    /// validates both when the host starts (ValidateOnStart) and on first use, and registers <see cref="TrainerFactory"/>.
    /// </summary>
    public static IServiceCollection AddAlexNetTraining(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TrainerOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<CheckpointOptions>().Bind(configuration.GetSection(CheckpointsSectionName)).ValidateOnStart();
        return AddShared(services);
    }

    /// <summary>
    /// Like the configuration overload, with the options set in code by <paramref name="configure"/> and, when given,
    /// the checkpointing by <paramref name="configureCheckpoints"/> (none: no checkpoint hook).
    /// </summary>
    public static IServiceCollection AddAlexNetTraining(
        this IServiceCollection services, Action<TrainerOptions> configure, Action<CheckpointOptions>? configureCheckpoints = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TrainerOptions>().Configure(configure).ValidateOnStart();
        services.AddOptions<CheckpointOptions>().Configure(configureCheckpoints ?? (_ => { })).ValidateOnStart();
        return AddShared(services);
    }

    private static IServiceCollection AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainerOptions>, TrainerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CheckpointOptions>, CheckpointOptionsValidator>());
        services.TryAddSingleton<TrainerFactory>();
        return services;
    }
}
