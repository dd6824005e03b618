using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Optimization;

/// <summary>Creates TorchSharp's optimizer for <see cref="OptimizerOptions"/>.</summary>
internal static class OptimizerFactory
{
    public static OptimizerHelper Create(OptimizerOptions o, IEnumerable<Parameter> parameters) => o.Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, o.LearningRate, o.Sgd.Momentum, o.Sgd.Dampening, o.WeightDecay, o.Sgd.Nesterov),
        OptimizerKind.Adam => optim.Adam(parameters, o.LearningRate, o.Adam.Beta1, o.Adam.Beta2, o.Adam.Epsilon, o.WeightDecay, o.Adam.AmsGrad),
        OptimizerKind.AdamW => optim.AdamW(parameters, o.LearningRate, o.Adam.Beta1, o.Adam.Beta2, o.Adam.Epsilon, o.WeightDecay, o.Adam.AmsGrad),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimizer kind."),
    };

    /// <summary>
    /// The optimizer over named <paramref name="parameters"/>: one parameter group, or with
    /// <see cref="OptimizerOptions.FeaturesLearningRateScale"/> other than 1 two groups, the rest first (at the base
    /// rate) and the <c>features.</c> parameters second (at the scaled rate), as <see cref="GroupScale"/> says.
    /// </summary>
    public static OptimizerHelper Create(OptimizerOptions o, IEnumerable<(string Name, Parameter Parameter)> parameters)
    {
        var all = parameters.ToList();
        if (o.FeaturesLearningRateScale == 1.0)
        {
            return Create(o, all.Select(p => p.Parameter));
        }

        var features = all.Where(p => p.Name.StartsWith("features.", StringComparison.Ordinal)).Select(p => p.Parameter).ToList();
        var rest = all.Where(p => !p.Name.StartsWith("features.", StringComparison.Ordinal)).Select(p => p.Parameter).ToList();
        double lr = o.LearningRate, featuresLr = o.LearningRate * o.FeaturesLearningRateScale;
        return o.Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(new[] { new SGD.ParamGroup(rest, lr), new SGD.ParamGroup(features, featuresLr) },
                lr, o.Sgd.Momentum, o.Sgd.Dampening, o.WeightDecay, o.Sgd.Nesterov),
            OptimizerKind.Adam => optim.Adam(new[] { new Adam.ParamGroup(rest, lr), new Adam.ParamGroup(features, featuresLr) },
                lr, o.Adam.Beta1, o.Adam.Beta2, o.Adam.Epsilon, o.WeightDecay, o.Adam.AmsGrad),
            OptimizerKind.AdamW => optim.AdamW(new[] { new AdamW.ParamGroup(rest, lr), new AdamW.ParamGroup(features, featuresLr) },
                lr, o.Adam.Beta1, o.Adam.Beta2, o.Adam.Epsilon, o.WeightDecay, o.Adam.AmsGrad),
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Kind, "Unknown optimizer kind."),
        };
    }

    /// <summary>The factor on the scheduled learning rate for parameter group <paramref name="group"/> (see <see cref="Create(OptimizerOptions, IEnumerable{ValueTuple{string, Parameter}})"/>).</summary>
    public static double GroupScale(OptimizerOptions o, int group) => group == 1 ? o.FeaturesLearningRateScale : 1.0;
}
