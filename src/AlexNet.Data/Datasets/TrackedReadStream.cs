using System;
using System.IO;
using System.Security.Cryptography;

namespace AlexNet.Data.Datasets;

/// <summary>
/// A read-only stream over another that counts the bytes read, optionally feeds them to an MD5, and (for the output of
/// a gzip decoder) turns the runtime's <see cref="InvalidDataException"/> into a <see cref="DatasetFormatException"/>
/// that names the file and the offset.
/// </summary>
internal sealed class TrackedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _path;
    private readonly bool _isGzipOutput;
    private IncrementalHash? _md5;
    private long _position;

    public TrackedReadStream(Stream inner, string path, bool isGzipOutput, bool computeMd5)
    {
        _inner = inner;
        _path = path;
        _isGzipOutput = isGzipOutput;
        _md5 = computeMd5 ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The MD5 of everything read so far (lower-case hex), or null when not computed. Call once, at the end.</summary>
    public string? FinishMd5()
    {
        if (_md5 is null)
        {
            return null;
        }

        string hex = Convert.ToHexString(_md5.GetHashAndReset()).ToLowerInvariant();
        _md5.Dispose();
        _md5 = null;
        return hex;
    }

    /// <summary>Reads to the end (so an MD5 covers the whole stream) and returns the number of bytes skipped.</summary>
    public long Drain()
    {
        byte[] buffer = new byte[1 << 16];
        long skipped = 0;
        int n;
        while ((n = Read(buffer, 0, buffer.Length)) > 0)
        {
            skipped += n;
        }

        return skipped;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _inner.Read(buffer);
        }
        catch (InvalidDataException e) when (_isGzipOutput)
        {
            throw new DatasetFormatException(_path, _position, "gzip stream", "valid gzip (deflate) data", $"data the decoder rejects ({e.Message})", e);
        }

        _md5?.AppendData(buffer[..n]);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
