using System;
using System.Runtime.InteropServices;

namespace AlexNet.Data.Images;

/// <summary>
/// The system's TurboJPEG library (libjpeg-turbo with its SIMD code; Debian's <c>libturbojpeg0</c>), used for JPEG decoding
/// where it is installed: SkiaSharp's bundled libjpeg-turbo is built without SIMD and decodes about three times slower on
/// the machines of docs/benchmarks.md. Both are libjpeg-turbo with the accurate integer IDCT and smooth chroma upsampling,
/// so the pixels are the same (tests pin this down). Where the library is missing, <see cref="IsAvailable"/> is false and
/// SkiaSharp decodes.
/// </summary>
/// <remarks>
/// TurboJPEG reports every libjpeg error as a return code (it catches them with setjmp inside the library), so a hostile
/// file cannot take the process down from here; a warning (damaged data libjpeg-turbo concealed) is treated as a failure,
/// so that such files go to SkiaSharp, which decides about them as for any other file. Only three functions of
/// TurboJPEG 2.x's stable C API are used: tjInitDecompress, tjDecompress2 and tjDestroy.
/// </remarks>
internal static unsafe class TurboJpeg
{
    private const int PixelFormatRgba = 7;   // TJPF_RGBA
    private const int FlagAccurateDct = 4096; // TJFLAG_ACCURATEDCT

    private static readonly Lazy<Api?> Loaded = new(Load);

    /// <summary>Whether libturbojpeg.so.0 could be loaded (Linux with the library installed).</summary>
    public static bool IsAvailable => Loaded.Value is not null;

    /// <summary>The outcome of <see cref="TryDecode"/>.</summary>
    internal enum Result
    {
        /// <summary>The image was decoded without a warning.</summary>
        Decoded,

        /// <summary>libjpeg-turbo warned (damaged data it concealed) or failed; the caller decodes with SkiaSharp instead.</summary>
        NotDecoded,
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> to <paramref name="width"/> x <paramref name="height"/> RGBA pixels (the image's
    /// size, or one of libjpeg-turbo's n/8 scales of it) into <paramref name="rgba"/>, rows <paramref name="width"/> * 4
    /// bytes apart. Returns <see cref="Result.NotDecoded"/> on any warning or error.
    /// </summary>
    public static Result TryDecode(byte[] encoded, int width, int height, Span<byte> rgba)
    {
        Api api = Loaded.Value ?? throw new InvalidOperationException("libturbojpeg.so.0 is not loaded.");
        long needed = (long)width * height * 4;
        if (width <= 0 || height <= 0 || rgba.Length < needed)
        {
            throw new ArgumentException($"The buffer holds {rgba.Length} bytes; {width} x {height} RGBA needs {needed}.", nameof(rgba));
        }

        IntPtr handle = api.Init();
        if (handle == IntPtr.Zero)
        {
            return Result.NotDecoded;
        }

        try
        {
            fixed (byte* source = encoded)
            fixed (byte* target = rgba)
            {
                int status = api.Decompress(handle, source, (nuint)encoded.Length, target, width, checked(width * 4), height, PixelFormatRgba, FlagAccurateDct);
                return status == 0 ? Result.Decoded : Result.NotDecoded;
            }
        }
        finally
        {
            api.Destroy(handle);
        }
    }

    private static Api? Load()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libturbojpeg.so.0", out IntPtr library))
        {
            return null;
        }

        IntPtr Export(string name) => NativeLibrary.TryGetExport(library, name, out IntPtr address) ? address : IntPtr.Zero;
        IntPtr init = Export("tjInitDecompress"), decompress = Export("tjDecompress2"), destroy = Export("tjDestroy");
        return init == IntPtr.Zero || decompress == IntPtr.Zero || destroy == IntPtr.Zero
            ? null
            : new Api(
                (delegate* unmanaged<IntPtr>)init,
                (delegate* unmanaged<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int>)decompress,
                (delegate* unmanaged<IntPtr, int>)destroy);
    }

    /// <summary>The library's entry points.</summary>
    private sealed class Api
    {
        private readonly delegate* unmanaged<IntPtr> _init;
        private readonly delegate* unmanaged<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int> _decompress;
        private readonly delegate* unmanaged<IntPtr, int> _destroy;

        public Api(
            delegate* unmanaged<IntPtr> init,
            delegate* unmanaged<IntPtr, byte*, nuint, byte*, int, int, int, int, int, int> decompress,
            delegate* unmanaged<IntPtr, int> destroy)
        {
            _init = init;
            _decompress = decompress;
            _destroy = destroy;
        }

        public IntPtr Init() => _init();

        public int Decompress(IntPtr handle, byte* source, nuint size, byte* target, int width, int pitch, int height, int format, int flags) =>
            _decompress(handle, source, size, target, width, pitch, height, format, flags);

        public void Destroy(IntPtr handle) => _ = _destroy(handle);
    }
}
