using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AlexNet.Data.Datasets;
using SkiaSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Tests.Images;

/// <summary>
/// Real Fashion-MNIST images (the first <see cref="PerClass"/> of each class in Debian's test set, plus the next
/// <see cref="PerClass"/> as a held-out set) written as PNG and as JPEG files into one sub-folder per class, once per
/// test class. File names are the image's index in the IDX file, so each file can be compared with its IDX pixels.
/// </summary>
public sealed class FashionMnistImageFolders : IDisposable
{
    public const int PerClass = 100;

    private readonly TempDirectory _directory = new();

    public FashionMnistImageFolders()
    {
        if (!Directory.Exists(FashionMnist.DefaultDirectory))
        {
            throw new InvalidOperationException(
                $"Real Fashion-MNIST is required at {FashionMnist.DefaultDirectory}: install it with `sudo apt-get install -y dataset-fashion-mnist`.");
        }

        Idx = FashionMnist.Load(DatasetSplit.Test);
        long[] labels = Idx.Labels.data<long>().ToArray();
        var byClass = Enumerable.Range(0, 10).Select(c => Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray()).ToArray();
        TrainIndices = byClass.SelectMany(ix => ix.Take(PerClass)).ToArray();
        HeldOutIndices = byClass.SelectMany(ix => ix.Skip(PerClass).Take(PerClass)).ToArray();
        byte[] pixels = Idx.Images.data<byte>().ToArray();
        PngRoot = Write("png", SKEncodedImageFormat.Png, TrainIndices, labels, pixels);
        JpegRoot = Write("jpeg", SKEncodedImageFormat.Jpeg, TrainIndices, labels, pixels);
    }

    /// <summary>The IDX test set the files were written from.</summary>
    public ImageDataset Idx { get; }

    /// <summary>IDX indices written as files (100 per class, class by class).</summary>
    public int[] TrainIndices { get; }

    /// <summary>The next 100 of each class, never written: the evaluation set of the training comparison.</summary>
    public int[] HeldOutIndices { get; }

    public string PngRoot { get; }

    public string JpegRoot { get; }

    public string Scratch(string name)
    {
        string path = Path.Combine(_directory.Path, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The IDX index a written file holds ("01234.png" holds image 1234).</summary>
    public static int IndexOf(string path) => int.Parse(Path.GetFileNameWithoutExtension(path), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Idx.Dispose();
        _directory.Dispose();
    }

    private string Write(string name, SKEncodedImageFormat format, int[] indices, long[] labels, byte[] pixels)
    {
        string root = Path.Combine(_directory.Path, name);
        string extension = format == SKEncodedImageFormat.Png ? ".png" : ".jpg";
        foreach (string cls in FashionMnist.Classes)
        {
            Directory.CreateDirectory(Path.Combine(root, Folder(cls)));
        }

        Parallel.ForEach(indices, i =>
        {
            using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
            System.Runtime.InteropServices.Marshal.Copy(pixels, i * 784, bitmap.GetPixels(), 784);
            using var data = bitmap.Encode(format, 95);
            string file = Path.Combine(root, Folder(FashionMnist.Classes[(int)labels[i]]), $"{i:D5}{extension}");
            File.WriteAllBytes(file, data.ToArray());
        });
        return root;
    }

    /// <summary>Class names as folder names ("T-shirt/top" has a slash).</summary>
    public static string Folder(string cls) => cls.Replace('/', '-');
}
