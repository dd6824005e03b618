using System;
using AlexNet.Core.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AlexNet.Core.DependencyInjection;

/// <summary>Registers the trainer's options (validated at start-up) and <see cref="TrainerFactory"/>.</summary>
public static class TrainingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TrainerOptions"/> to <paramref name="configuration"/> (typically
    /// <c>configuration.GetSection("Training")</c>), validates them with <see cref="TrainerOptionsValidator"/> when the
    /// host starts (ValidateOnStart) and on first use, and registers <see cref="TrainerFactory"/>.
    /// </summary>
    public static IServiceCollection AddAlexNetTraining(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TrainerOptions>().Bind(configuration).ValidateOnStart();
        return AddShared(services);
    }

    /// <summary>Like the configuration overload, with the options set in code by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddAlexNetTraining(this IServiceCollection services, Action<TrainerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TrainerOptions>().Configure(configure).ValidateOnStart();
        return AddShared(services);
    }

    private static IServiceCollection AddShared(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrainerOptions>, TrainerOptionsValidator>());
        services.TryAddSingleton<TrainerFactory>();
        return services;
    }
}
