using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace AlexNet.Data.Datasets;

/// <summary>
/// The content of one IDX file: a tensor of the file's element type with the file's dimensions. Owns the tensor;
/// disposing the array disposes it.
/// </summary>
internal sealed class IdxArray : IDisposable
{
    internal IdxArray(Tensor data, IdxDataType dataType, IReadOnlyList<long> dimensions)
    {
        Data = data;
        DataType = dataType;
        Dimensions = dimensions.ToArray();
    }

    /// <summary>The values, shaped as <see cref="Dimensions"/>, in the dtype matching <see cref="DataType"/>, in native byte order.</summary>
    public Tensor Data { get; }

    /// <summary>The element type from the magic number.</summary>
    public IdxDataType DataType { get; }

    /// <summary>The dimensions from the header, outermost first.</summary>
    public IReadOnlyList<long> Dimensions { get; }

    /// <summary>The magic number of the file: 0x0000, then the type code, then the number of dimensions.</summary>
    public int MagicNumber => ((int)DataType << 8) | Dimensions.Count;

    /// <summary>Disposes <see cref="Data"/>.</summary>
    public void Dispose() => Data.Dispose();
}
