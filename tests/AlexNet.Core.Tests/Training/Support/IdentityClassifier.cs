using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AlexNet.Core.Tests.Training.Support;

/// <summary>Images 1 x 1 x K whose pixels are the logits: a linear layer set to the identity (so the model has parameters).</summary>
internal sealed class IdentityClassifier : nn.Module<Tensor, Tensor>
{
    private readonly Linear linear;

    public IdentityClassifier(int classes)
        : base(nameof(IdentityClassifier))
    {
        linear = nn.Linear(classes, classes);
        using (no_grad())
        {
            linear.weight!.copy_(eye(classes));
            linear.bias!.zero_().Dispose();
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => linear.call(input.flatten(1));
}
