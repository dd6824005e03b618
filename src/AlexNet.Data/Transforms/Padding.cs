using System;

namespace AlexNet.Data.Transforms;

/// <summary>Pixels added on each side of an image. An integer converts to the same padding on all four sides.</summary>
/// <param name="Left">Columns added on the left.</param>
/// <param name="Top">Rows added at the top.</param>
/// <param name="Right">Columns added on the right.</param>
/// <param name="Bottom">Rows added at the bottom.</param>
public readonly record struct Padding(int Left, int Top, int Right, int Bottom)
{
    /// <summary><paramref name="all"/> pixels on every side, as torchvision's <c>padding=int</c>.</summary>
    public static implicit operator Padding(int all) => FromInt32(all);

    /// <summary><paramref name="all"/> pixels on every side.</summary>
    public static Padding FromInt32(int all) => new(all, all, all, all);

    /// <summary><paramref name="horizontal"/> on the left and right, <paramref name="vertical"/> at the top and bottom, as torchvision's two-element padding.</summary>
    public static Padding Symmetric(int horizontal, int vertical) => new(horizontal, vertical, horizontal, vertical);

    /// <summary>True when nothing is added.</summary>
    public bool IsZero => Left == 0 && Top == 0 && Right == 0 && Bottom == 0;

    /// <summary>For example "(left 4, top 4, right 4, bottom 4)".</summary>
    public override string ToString() => $"(left {Left}, top {Top}, right {Right}, bottom {Bottom})";

    internal Padding Validated(string name)
    {
        if (Left < 0 || Top < 0 || Right < 0 || Bottom < 0)
        {
            throw new ArgumentOutOfRangeException(name, this, $"{name} must not be negative; got {this}.");
        }

        return this;
    }
}
