using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// Checks an optimizer state just read from a checkpoint by TorchSharp's own reader, which trusts its input: every
/// state tensor (momentum buffer, Adam moments) must have its parameter's shape and dtype, and every hyper-parameter
/// must be a finite number, or the next optimizer step would fail in LibTorch or train on garbage.
/// </summary>
internal static class OptimizerStateCheck
{
    /// <exception cref="InvalidDataException">A state tensor or hyper-parameter does not fit; the message says which.</exception>
    public static void ThrowIfUnfit(OptimizerHelper optimizer)
    {
        var parameters = optimizer.ParamGroups.OfType<ParamGroup>().SelectMany(g => g.Parameters).ToArray();
        var dictionary = optimizer.state_dict();
        for (int i = 0; i < dictionary.Options.Count; i++)
        {
            foreach (var (name, value) in Numbers(dictionary.Options[i]))
            {
                if (!double.IsFinite(value))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"parameter group {i}: expected a finite {name}, found {value}"));
                }
            }
        }

        for (int i = 0; i < dictionary.State.Count && i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var tensorFields = dictionary.State[i].GetType().GetFields(BindingFlags.Public | BindingFlags.Instance).Where(f => f.FieldType == typeof(Tensor));
            foreach (var field in tensorFields)
            {
                if (field.GetValue(dictionary.State[i]) is Tensor tensor && !Fits(tensor, parameter))
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                        $"the {field.Name} of parameter {i}: expected {parameter.dtype} [{string.Join(", ", parameter.shape)}] like the parameter, "
                        + $"found {tensor.dtype} [{string.Join(", ", tensor.shape)}]"));
                }
            }
        }
    }

    private static bool Fits(Tensor state, Tensor parameter) =>
        state.dtype == parameter.dtype && state.shape.SequenceEqual(parameter.shape);

    private static (string Name, double Value)[] Numbers(object options) =>
        options.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.FieldType == typeof(double?) || f.FieldType == typeof(double))
            .Select(f => (f.Name, f.GetValue(options) is double d ? d : 0.0))
            .Concat(options is OptimizerOptions o ? new[] { ("learning rate", o.LearningRate ?? 0.0) } : Array.Empty<(string, double)>())
            .ToArray();
}
