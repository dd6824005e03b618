using System.Text.Json.Serialization;

namespace AlexNet.Core.Models;

/// <summary>
/// Options of <see cref="AlexNetFactory.Create"/>. Every property has a default, so <c>new AlexNetOptions()</c> gives
/// each variant as published; a null property means "the variant's own default" where that differs by variant.
/// <see cref="Reproduction"/> holds the settings that reproduce a particular build rather than everyday choices.
/// Bindable from configuration (section <see cref="SectionName"/>); validated by <see cref="AlexNetFactory.Create"/>.
/// </summary>
public sealed class AlexNetOptions
{
    /// <summary>The configuration section these options are usually bound from: "AlexNet".</summary>
    public const string SectionName = "AlexNet";

    /// <summary>Channels of the input images: 3 for RGB (default), 1 for Fashion-MNIST or MNIST. 1 to 1024.</summary>
    public int InputChannels { get; set; } = 3;

    /// <summary>
    /// Probability of the dropout layers in front of the hidden fully connected layers, in [0, 1).
    /// Null: 0.5 for <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>, 0.2 for <see cref="Variant.CifarBatchNorm"/>.
    /// </summary>
    public double? DropoutRate { get; set; }

    /// <summary>
    /// Width of the two hidden fully connected layers, 1 to 65536.
    /// Null: 4096 for <see cref="Variant.Paper"/> and <see cref="Variant.TorchVision"/>, 2048 for <see cref="Variant.CifarBatchNorm"/>.
    /// </summary>
    public int? ClassifierWidth { get; set; }

    /// <summary>
    /// Local response normalisation after the ReLUs of conv1 and conv2, as in the paper. <see cref="Variant.Paper"/> and
    /// <see cref="Variant.TorchVision"/> can have these layers (torchvision's widths with the paper's LRN, as some
    /// write-ups build it); true with <see cref="Variant.CifarBatchNorm"/> is rejected. Null: on for
    /// <see cref="Variant.Paper"/>, off for the others.
    /// </summary>
    public bool? UseLocalResponseNorm { get; set; }

    /// <summary>
    /// Weight initialisation. Null: <see cref="Models.WeightInit.Paper"/> for <see cref="Variant.Paper"/>,
    /// <see cref="Models.WeightInit.PyTorchDefault"/> for the others.
    /// </summary>
    public WeightInit? WeightInit { get; set; }

    /// <summary>Whether the forward pass returns logits (default) or log-probabilities.</summary>
    public ModelOutput Output { get; set; } = ModelOutput.Logits;

    /// <summary>
    /// Settings that reproduce a particular publication or write-up rather than everyday choices: the LRN constants,
    /// dropout placement, grouped convolutions (configuration section <c>Reproduction</c>). The defaults are the paper's.
    /// </summary>
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public ReproductionOptions Reproduction { get; } = new();
}
