namespace AlexNet.Data.Datasets;

/// <summary>The element type of an IDX file: the third byte of its magic number. All values are stored big-endian.</summary>
internal enum IdxDataType : byte
{
    /// <summary>0x08: unsigned byte, read as a uint8 tensor.</summary>
    UnsignedByte = 0x08,

    /// <summary>0x09: signed byte, read as an int8 tensor.</summary>
    SignedByte = 0x09,

    /// <summary>0x0B: 16-bit integer, read as an int16 tensor.</summary>
    Int16 = 0x0B,

    /// <summary>0x0C: 32-bit integer, read as an int32 tensor.</summary>
    Int32 = 0x0C,

    /// <summary>0x0D: 32-bit float, read as a float32 tensor.</summary>
    Float32 = 0x0D,

    /// <summary>0x0E: 64-bit float, read as a float64 tensor.</summary>
    Float64 = 0x0E,
}
