namespace AlexNet.Data.Datasets;

/// <summary>Which of CIFAR-100's two labels to use.</summary>
public enum Cifar100LabelKind
{
    /// <summary>The 100 fine classes (second label byte of each record).</summary>
    Fine,

    /// <summary>The 20 coarse superclasses (first label byte of each record).</summary>
    Coarse,
}
