using System;
using System.Collections.Generic;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Precision;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Core.Training;

/// <summary>Mixed precision (<see cref="TrainerOptions.Precision"/>) and data parallel (<see cref="TrainerOptions.Devices"/>).</summary>
public sealed partial class Trainer
{
    private DynamicLossScaler? _lossScaler;
    private DataParallelReplicas? _replicas;
    private bool _gradientsFinite = true;

    /// <summary>The loss scaler of "16-mixed" training, or null for the other precisions.</summary>
    public DynamicLossScaler? LossScaler => _lossScaler;

    /// <summary>The devices training runs on: <see cref="TrainerOptions.Devices"/> when set, else <see cref="Device"/> alone.</summary>
    public IReadOnlyList<Device> Devices => _replicas?.Devices ?? new[] { Device };

    /// <summary>The device of <paramref name="options"/>: the first of <see cref="TrainerOptions.Devices"/> when set, else <see cref="TrainerOptions.Device"/>.</summary>
    private static Device ResolveFirstDevice(TrainerOptions options) => options.Devices.Count > 0
        ? DeviceSpec.Resolve(options.Devices[0], "TrainerOptions.Devices[0]")
        : DeviceSpec.Resolve(options.Device, "TrainerOptions.Device");

    /// <summary>Sets the model's compute dtype, creates the loss scaler and the replicas; called by the constructor after the model moved.</summary>
    private void ConfigurePrecisionAndDevices()
    {
        var computeType = TrainingPrecision.ComputeType(Options.Precision);
        if (computeType is not null)
        {
            if (Model is not IMixedPrecisionModule mixed)
            {
                throw new ArgumentException(
                    $"TrainerOptions.Precision is \"{Options.Precision}\", but the model {Model.GetType().Name} does not implement IMixedPrecisionModule (AlexNetModel does); use \"32-true\".",
                    "model");
            }

            mixed.ComputeType = computeType;
        }
        else if (Model is IMixedPrecisionModule full)
        {
            full.ComputeType = null;
        }

        if (TrainingPrecision.NeedsLossScaling(Options.Precision))
        {
            if (Device.type != DeviceType.CUDA)
            {
                throw new InvalidOperationException($"TrainerOptions.Precision \"16-mixed\" needs a CUDA device; training runs on {Device}. Use \"bf16-mixed\" on the CPU.");
            }

            _lossScaler = new DynamicLossScaler();
        }

        if (Options.Devices.Count > 1)
        {
            var devices = Options.Devices.Select((d, i) => DeviceSpec.Resolve(d, $"TrainerOptions.Devices[{i}]")).ToArray();
            _replicas = new DataParallelReplicas(Model, devices, computeType);
        }
    }

    /// <summary>The model's outputs for a training batch: on all <see cref="Devices"/> when there are several.</summary>
    private Tensor TrainForward(Tensor images) => _replicas is null ? Model.call(images) : _replicas.Forward(images);

    /// <summary>
    /// Backward of <paramref name="loss"/> (scaled under "16-mixed"), the replicas' gradients added to the model's,
    /// and the gradients unscaled; remembers whether they are finite for <see cref="StepOptimizer"/>.
    /// </summary>
    private void Backward(Tensor loss)
    {
        if (_lossScaler is null)
        {
            loss.backward();
        }
        else
        {
            _lossScaler.ScaleLoss(loss).backward();
        }

        _replicas?.ReduceGradients();
        _gradientsFinite = _lossScaler?.UnscaleGradients(_parameters) ?? true;
    }

    /// <summary>The optimizer step, skipped under "16-mixed" when a gradient was infinite or NaN (the scale backs off).</summary>
    private void StepOptimizer()
    {
        if (_gradientsFinite)
        {
            _optimizer.step();
        }

        _lossScaler?.Update(_gradientsFinite);
    }
}
