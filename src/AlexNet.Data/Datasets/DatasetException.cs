using System;
using System.IO;

namespace AlexNet.Data.Datasets;

/// <summary>
/// Base type of every error the dataset readers raise on bad, missing or unverifiable input. Catch this type to handle
/// all of them; the derived types say what went wrong and carry the details as properties.
/// </summary>
/// <remarks>It derives from <see cref="IOException"/>, so code that already handles I/O failures around file
/// reading handles these too.</remarks>
public abstract class DatasetException : IOException
{
    /// <summary>Creates the exception with its full message.</summary>
    private protected DatasetException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
