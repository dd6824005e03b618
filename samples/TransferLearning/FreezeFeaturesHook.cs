using AlexNet.Core.Interop;
using AlexNet.Core.Models;
using AlexNet.Core.Training;

namespace AlexNet.Samples;

/// <summary>
/// Freezes the feature layers (<c>features.*</c>: the convolutions) for the first <c>epochs</c> epochs, so that only
/// the classifier adapts to the new classes at first; from then on every layer trains. Frozen parameters get no
/// gradient, so the optimizer leaves them (and their weight decay) alone. The Trainer is created before the first
/// epoch starts, so its optimizer holds the feature parameters too and trains them once they are unfrozen. Freezing
/// itself is AlexNet.Core's <see cref="TransferLearning.FreezeFeatures"/> and <see cref="TransferLearning.UnfreezeFeatures"/>;
/// this hook only schedules it.
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
        Frozen = state.Epoch < _epochs;
        if (Frozen)
        {
            _model.FreezeFeatures();
        }
        else
        {
            _model.UnfreezeFeatures();
        }
    }

    /// <inheritdoc />
    public override void OnFitEnd(TrainingState state)
    {
        _model.UnfreezeFeatures();
        Frozen = false;
    }
}
