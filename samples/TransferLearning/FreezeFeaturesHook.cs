using AlexNet.Core.Models;
using AlexNet.Core.Training;

namespace AlexNet.Samples;

/// <summary>
/// Freezes the feature layers (<c>features.*</c>: the convolutions) for the first <c>epochs</c> epochs, so that only
/// the classifier adapts to the new classes at first; from then on every layer trains. Frozen parameters get no
/// gradient, so the optimizer leaves them (and their weight decay) alone.
/// </summary>
public sealed class FreezeFeaturesHook : TrainingHook
{
    private readonly AlexNetModel _model;
    private readonly int _epochs;

    /// <summary>Freezes <paramref name="model"/>'s features for <paramref name="epochs"/> epochs.</summary>
    public FreezeFeaturesHook(AlexNetModel model, int epochs)
    {
        _model = model;
        _epochs = epochs;
    }

    /// <summary>Whether the features are frozen now.</summary>
    public bool Frozen { get; private set; }

    /// <inheritdoc />
    public override void OnTrainEpochStart(TrainingState state)
    {
        bool freeze = state.Epoch < _epochs;
        foreach (var parameter in _model.Features.parameters())
        {
            parameter.requires_grad = !freeze;
        }

        Frozen = freeze;
    }

    /// <inheritdoc />
    public override void OnFitEnd(TrainingState state)
    {
        foreach (var parameter in _model.Features.parameters())
        {
            parameter.requires_grad = true;
        }

        Frozen = false;
    }
}
