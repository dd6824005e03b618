using AlexNet.Core.Abstractions;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>
/// A small CNN for 8x8 images: conv 3x3 (4 channels) - batch norm - ReLU - max-pool 2 - dropout - linear. It has
/// parameters, buffers (batch-norm running statistics) and dropout (consumes the random generator), so it exercises
/// everything a checkpoint must restore.
/// </summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public TinyNet(int classes = 4, int channels = 1, double dropoutRate = 0.25)
        : base(nameof(TinyNet))
    {
        conv = nn.Conv2d(channels, 4, 3, padding: 1);
        norm = nn.BatchNorm2d(4);
        dropout = nn.Dropout(dropoutRate);
        classifier = nn.Linear(4 * 4 * 4, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(norm.call(conv.call(input)));
        x = nn.functional.max_pool2d(x, 2).flatten(1);
        return scope.MoveToOuter(classifier.call(dropout.call(x)));
    }
}

/// <summary>The same network ending in log-softmax, declaring so through <see cref="IClassifierOutput"/>.</summary>
internal sealed class TinyLogSoftmaxNet : nn.Module<Tensor, Tensor>, IClassifierOutput
{
    private readonly TinyNet inner;

    public TinyLogSoftmaxNet(int classes = 4)
        : base(nameof(TinyLogSoftmaxNet))
    {
        inner = new TinyNet(classes);
        RegisterComponents();
    }

    public bool OutputsLogProbabilities => true;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(inner.call(input).log_softmax(1));
    }
}

/// <summary>A model that declares logits (for the NLL mismatch check).</summary>
internal sealed class DeclaredLogitsNet : nn.Module<Tensor, Tensor>, IClassifierOutput
{
    private readonly Linear linear;

    public DeclaredLogitsNet()
        : base(nameof(DeclaredLogitsNet))
    {
        linear = nn.Linear(64, 4);
        RegisterComponents();
    }

    public bool OutputsLogProbabilities => false;

    public override Tensor forward(Tensor input) => linear.call(input.flatten(1));
}

/// <summary>A two-layer perceptron on flattened 8x8 images (runs on the meta device, which has no convolution).</summary>
internal sealed class TinyMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Dropout dropout;
    private readonly Linear output;

    public TinyMlp(int inputs = 64, int classes = 4)
        : base(nameof(TinyMlp))
    {
        hidden = nn.Linear(inputs, 32);
        dropout = nn.Dropout(0.25);
        output = nn.Linear(32, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(output.call(dropout.call(hidden.call(input.flatten(1)).tanh())));
    }
}
