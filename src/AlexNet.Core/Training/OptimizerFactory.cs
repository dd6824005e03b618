using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>Creates TorchSharp's optimizer for <see cref="OptimizerOptions"/>.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(OptimizerOptions o, IEnumerable<Parameter> parameters) => o.Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, o.LearningRate, o.Momentum, o.Dampening, o.WeightDecay, o.Nesterov),
        OptimizerKind.Adam => optim.Adam(parameters, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.AmsGrad),
        OptimizerKind.AdamW => optim.AdamW(parameters, o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay, o.AmsGrad),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimizer kind."),
    };
}
