namespace AlexNet.Core.Models;

/// <summary>Where the dropout layers of the classifier sit (<see cref="ReproductionOptions.DropoutPlacement"/>).</summary>
public enum DropoutPlacement
{
    /// <summary>
    /// In front of the two hidden fully connected layers (FC6 and FC7): torchvision's <c>classifier</c> and the
    /// paper's network as most write-ups code it. The default.
    /// </summary>
    BeforeHiddenLinear,

    /// <summary>
    /// After the ReLUs of the two hidden fully connected layers, that is in front of FC7 and FC8: a forward pass written
    /// as <c>F.dropout(F.relu(self.fc1(x)), 0.5)</c>, <c>F.dropout(F.relu(self.fc2(x)), 0.5)</c>, <c>self.fc3(x)</c>.
    /// Only <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>.
    /// </summary>
    AfterHiddenReLU,

    /// <summary>No dropout layers at all (the classifier is Linear, ReLU, Linear, ReLU, Linear). Only <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>.</summary>
    None,
}
