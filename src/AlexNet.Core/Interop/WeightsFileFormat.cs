namespace AlexNet.Core.Interop;

/// <summary>The weights file formats <see cref="AlexNetWeights.Read(string)"/> tells apart by content.</summary>
internal enum WeightsFileFormat
{
    /// <summary>PyTorch's zip archive (torch.save since PyTorch 1.6): <see cref="PyTorchFile"/>.</summary>
    PyTorchZip,

    /// <summary>PyTorch's legacy format, pickles one after another (PyTorch 0.4 to 1.5): <see cref="LegacyPyTorchFile"/>.</summary>
    PyTorchLegacy,

    /// <summary>safetensors: <see cref="SafeTensorsFile"/>.</summary>
    SafeTensors,
}
