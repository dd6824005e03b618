using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AlexNet.Core.Abstractions;
using AlexNet.Core.Validation;
using AlexNet.Data.Transforms;
using TorchSharp;
using static TorchSharp.torch;

namespace AlexNet.Data.Images;

/// <summary>
/// Predicts the class of image files with a trained model: decodes each file (<see cref="ImageDecodeOptions"/>), runs
/// the evaluation transform and the model in evaluation mode, and returns the top-k classes with their softmax
/// probabilities.
/// </summary>
/// <remarks>
/// The model is any TorchSharp module mapping N x C x H x W float images to N x K class scores (logits, or
/// log-probabilities: softmax is taken either way and gives the same ranking). Loading it from a checkpoint or a
/// weights file is the caller's part, with AlexNet.Core (see docs/image-folders.md): AlexNet.Data does not build
/// models. The classifier does not own the model. Not thread-safe.
/// </remarks>
public sealed class ImageClassifier
{
    private readonly nn.Module<Tensor, Tensor> _model;
    private readonly ImageDecodeOptions _decode;
    private readonly ITransform _transform;
    private readonly ITestTimeAugmentation? _augmentation;
    private readonly Device _device;
    private readonly string[] _classes;

    /// <summary>Creates a classifier.</summary>
    /// <param name="model">The trained model; put in evaluation mode for each prediction and restored afterwards.</param>
    /// <param name="classes">The class names, index = model output.</param>
    /// <param name="decode">How files are decoded (the size and channels the evaluation transform expects).</param>
    /// <param name="transform">The evaluation pipeline (such as ToFloat + Normalize); applied to each decoded uint8 batch.</param>
    /// <param name="augmentation">Optional test-time augmentation (such as the paper's ten-crop); probabilities are averaged over the views.</param>
    /// <param name="device">The model's device; the CPU by default.</param>
    /// <exception cref="ArgumentException">No class names, or the transform does not accept the decoded images (when a crop fixes their size).</exception>
    public ImageClassifier(nn.Module<Tensor, Tensor> model, IReadOnlyList<string> classes, ImageDecodeOptions decode, ITransform transform, ITestTimeAugmentation? augmentation = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(transform);
        _decode = OptionsValidation.ThrowIfInvalid(new ImageDecodeOptionsValidator(), decode).Clone();
        if (classes.Count == 0)
        {
            throw new ArgumentException("At least one class name is required.", nameof(classes));
        }

        if (_decode.CenterCrop is int crop)
        {
            transform.GetOutputSpec(new ImageSpec(ScalarType.Byte, _decode.Channels, crop, crop));
        }

        _model = model;
        _classes = classes.ToArray();
        _transform = transform;
        _augmentation = augmentation;
        _device = device ?? CPU;
    }

    /// <summary>The class names.</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The top <paramref name="top"/> classes of the image file at <paramref name="path"/>, most probable first.</summary>
    /// <exception cref="ImageDecodeException">The file cannot be decoded.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is below 1.</exception>
    public IReadOnlyList<ClassPrediction> Predict(string path, int top = 5) =>
        PredictDecoded(new[] { ImageDecoder.Decode(path, _decode) }, top)[0];

    /// <summary>The top classes of the encoded image in <paramref name="stream"/> (read to its end).</summary>
    public IReadOnlyList<ClassPrediction> Predict(Stream stream, int top = 5) =>
        PredictDecoded(new[] { ImageDecoder.Decode(stream, _decode) }, top)[0];

    /// <summary>The top classes of the encoded image (the bytes of a JPEG, PNG, ... file).</summary>
    public IReadOnlyList<ClassPrediction> Predict(byte[] encoded, int top = 5) =>
        PredictDecoded(new[] { ImageDecoder.Decode(encoded, _decode) }, top)[0];

    /// <summary>
    /// Predicts every image file under <paramref name="folder"/> (recursively, ordinal path order, extensions of
    /// <see cref="ImageDecoder.SupportedExtensions"/>; symbolic links to directories are not followed, as in
    /// <see cref="ImageFolder.Scan"/>'s default) in batches of <paramref name="batchSize"/>. A file that cannot be
    /// decoded, or a sub-folder that cannot be listed, yields a prediction with its <see cref="ImagePrediction.Error"/>
    /// set instead of stopping the run.
    /// </summary>
    public IEnumerable<ImagePrediction> PredictFolder(string folder, int top = 5, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var walker = new ImageFolderWalker(new ImageFolderOptions { Extensions = ImageDecoder.SupportedExtensions.ToList(), SkipUnreadable = true });
        walker.WalkFolder(Path.GetFullPath(folder), 0);
        var unlisted = walker.Unreadable.Select(u => new ImagePrediction(u.Path, Array.Empty<ClassPrediction>(), u.Reason));
        return unlisted.Concat(PredictFiles(walker.Files.Select(f => f.Path).ToArray(), top, batchSize));
    }

    /// <summary>Predicts the given files in batches of <paramref name="batchSize"/>, as <see cref="PredictFolder"/>.</summary>
    public IEnumerable<ImagePrediction> PredictFiles(IReadOnlyList<string> files, int top = 5, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        return Batches();

        IEnumerable<ImagePrediction> Batches()
        {
            for (int start = 0; start < files.Count; start += batchSize)
            {
                var chunk = files.Skip(start).Take(batchSize).ToArray();
                var decoded = new DecodedImage?[chunk.Length];
                var errors = new string?[chunk.Length];
                System.Threading.Tasks.Parallel.For(0, chunk.Length, i =>
                {
                    try
                    {
                        decoded[i] = ImageDecoder.Decode(chunk[i], _decode);
                    }
                    catch (ImageDecodeException e)
                    {
                        errors[i] = e.Problem;
                    }
                    catch (Exception e)
                    {
                        errors[i] = ImageDecodeProblems.DecoderFailure(e); // per file, so Parallel.For never throws AggregateException
                    }
                });

                // Without a crop, images of different sizes cannot share a batch: predict such files one by one.
                var readable = Enumerable.Range(0, chunk.Length).Where(i => decoded[i] is not null).ToArray();
                var results = new IReadOnlyList<ClassPrediction>?[chunk.Length];
                foreach (var group in readable.GroupBy(i => (decoded[i]!.Height, decoded[i]!.Width)))
                {
                    int[] members = group.ToArray();
                    var predictions = PredictDecoded(members.Select(i => decoded[i]!).ToArray(), top);
                    for (int j = 0; j < members.Length; j++)
                    {
                        results[members[j]] = predictions[j];
                    }
                }

                for (int i = 0; i < chunk.Length; i++)
                {
                    yield return new ImagePrediction(chunk[i], results[i] ?? Array.Empty<ClassPrediction>(), errors[i]);
                }
            }
        }
    }

    /// <summary>Class probabilities N x K (CPU, owned by the caller) for decoded images that share one size.</summary>
    internal Tensor Probabilities(IReadOnlyList<DecodedImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        bool wasTraining = _model.training;
        _model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Tensor batch = stack(images.Select(ImageDecoder.ToTensor).ToArray()).to(_device);
            using var generator = new Generator(0);
            Tensor input = _transform.Apply(batch, generator);
            if (input.dtype == ScalarType.Byte)
            {
                input = input.to(ScalarType.Float32).div(255);
            }

            Tensor probabilities;
            if (_augmentation is null)
            {
                probabilities = _model.call(input).softmax(1);
            }
            else
            {
                long n = input.shape[0];
                Tensor views = _augmentation.CreateViews(input);
                probabilities = _model.call(views).softmax(1).view(_augmentation.ViewCount, n, -1).mean(new long[] { 0 });
            }

            return probabilities.cpu().MoveToOuterDisposeScope();
        }
        finally
        {
            _model.train(wasTraining);
        }
    }

    private IReadOnlyList<ClassPrediction>[] PredictDecoded(IReadOnlyList<DecodedImage> images, int top)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        using Tensor probabilities = Probabilities(images);
        if (probabilities.shape[1] != _classes.Length)
        {
            throw new InvalidOperationException($"The model gives {probabilities.shape[1]} class scores but {_classes.Length} class names were given.");
        }

        int k = Math.Min(top, _classes.Length);
        var (values, indices) = probabilities.topk(k, dim: 1);
        using (values)
        using (indices)
        {
            float[] p = values.data<float>().ToArray();
            long[] idx = indices.data<long>().ToArray();
            var result = new IReadOnlyList<ClassPrediction>[images.Count];
            for (int n = 0; n < images.Count; n++)
            {
                result[n] = Enumerable.Range(0, k)
                    .Select(j => new ClassPrediction(_classes[idx[(n * k) + j]], (int)idx[(n * k) + j], p[(n * k) + j]))
                    .ToArray();
            }

            return result;
        }
    }
}
