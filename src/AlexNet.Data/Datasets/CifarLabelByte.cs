using System.Collections.Generic;

namespace AlexNet.Data.Datasets;

/// <summary>One label byte of a CIFAR record: its position, its class count and where its class names come from.</summary>
/// <param name="Index">Position of the byte in the record (the pixels follow the last label byte).</param>
/// <param name="Description">What the byte is, for messages: "label", "coarse label", "fine label".</param>
/// <param name="ClassCount">Number of classes; a byte at or above it is an error.</param>
/// <param name="NamesFile">The text file in the dataset folder that names the classes, one per line.</param>
/// <param name="DefaultNames">The class names used when <paramref name="NamesFile"/> is absent.</param>
internal sealed record CifarLabelByte(int Index, string Description, int ClassCount, string NamesFile, IReadOnlyList<string> DefaultNames);
