using System;
using System.Linq;
using AlexNet.Core.Optimization;
using TorchSharp;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>
/// The trainer's optimizer over the model's trainable parameters: creates it from <see cref="OptimizerOptions"/>,
/// sets the learning rate (and momentum) of every parameter group, and restarts it with fresh state.
/// </summary>
internal sealed class OptimizerSlot : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly OptimizerOptions _options;
    private readonly TrainingState _state;

    /// <summary>Creates the optimizer; <paramref name="state"/>'s learning rate follows every change.</summary>
    public OptimizerSlot(nn.Module<Tensor, Tensor> model, OptimizerOptions options, TrainingState state)
    {
        _model = model;
        _options = options;
        _state = state;
        Optimizer = Create();
    }

    /// <summary>The current optimizer (a new instance after <see cref="Restart"/>).</summary>
    public OptimizerHelper Optimizer { get; private set; }

    /// <summary>The learning rate of the first parameter group.</summary>
    public double CurrentLearningRate => Optimizer.ParamGroups.First().LearningRate;

    /// <summary>Sets every group's rate (scaled per group) and, when given, its momentum (or Adam's first beta).</summary>
    public void SetLearningRate(double learningRate, double? momentum)
    {
        int index = 0;
        foreach (var group in Optimizer.ParamGroups)
        {
            group.LearningRate = learningRate * OptimizerFactory.GroupScale(_options, index++);
            if (momentum is double m && group is optim.IMomentum withMomentum)
            {
                withMomentum.Momentum = m;
            }
            else if (momentum is double b && group is optim.IBetas withBetas)
            {
                withBetas.Betas = (b, withBetas.Betas.Item2);
            }
        }

        _state.LearningRate = learningRate;
    }

    /// <summary>Replaces the optimizer by a new one over the same parameters at <paramref name="learningRate"/>: its state starts afresh.</summary>
    public void Restart(double learningRate)
    {
        var restarted = Create();
        Optimizer.Dispose();
        Optimizer = restarted;
        SetLearningRate(learningRate, null);
    }

    /// <summary>Disposes the optimizer (its state tensors).</summary>
    public void Dispose() => Optimizer.Dispose();

    /// <summary>The optimizer over the trainable parameters, with the features' group when its rate is scaled.</summary>
    private OptimizerHelper Create() =>
        OptimizerFactory.Create(_options, _model.named_parameters().Where(p => p.parameter.requires_grad));
}
