using System;

namespace AlexNet.Data.Transforms;

/// <summary>
/// Pixels added on each side of an image. An integer converts to the same padding on all four sides. Two paddings are
/// equal when all four sides are.
/// </summary>
public readonly struct Padding
{
    /// <summary>Creates the padding.</summary>
    /// <param name="left">Columns added on the left.</param>
    /// <param name="top">Rows added at the top.</param>
    /// <param name="right">Columns added on the right.</param>
    /// <param name="bottom">Rows added at the bottom.</param>
    public Padding(int left, int top, int right, int bottom)
    {
        Left = left;
        Top = top;
        Right = right;
        Bottom = bottom;
    }

    /// <summary>Columns added on the left.</summary>
    public int Left { get; }

    /// <summary>Rows added at the top.</summary>
    public int Top { get; }

    /// <summary>Columns added on the right.</summary>
    public int Right { get; }

    /// <summary>Rows added at the bottom.</summary>
    public int Bottom { get; }

    /// <summary>True when nothing is added.</summary>
    internal bool IsZero => Left == 0 && Top == 0 && Right == 0 && Bottom == 0;

    /// <summary><paramref name="all"/> pixels on every side, as torchvision's <c>padding=int</c>.</summary>
    public static implicit operator Padding(int all) => new(all, all, all, all);

    /// <summary>For example "(left 4, top 4, right 4, bottom 4)".</summary>
    public override string ToString() => $"(left {Left}, top {Top}, right {Right}, bottom {Bottom})";

    /// <summary>
    /// <paramref name="horizontal"/> on the left and right, <paramref name="vertical"/> at the top and bottom, as
    /// torchvision's two-element padding.
    /// </summary>
    internal static Padding Symmetric(int horizontal, int vertical) => new(horizontal, vertical, horizontal, vertical);

    internal Padding Validated(string name)
    {
        if (Left < 0 || Top < 0 || Right < 0 || Bottom < 0)
        {
            throw new ArgumentOutOfRangeException(name, this, $"{name} must not be negative; got {this}.");
        }

        return this;
    }
}
