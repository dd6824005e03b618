using System.Globalization;
using System.Text;

namespace AlexNet.Core.Checkpoints;

/// <summary>
/// Renders text read from a checkpoint (names, JSON error messages) for an error message: control and other
/// non-printable characters become <c>\uXXXX</c> escapes and long text is cut, so a message never quotes raw binary.
/// </summary>
internal static class CheckpointText
{
    /// <summary>The most characters of file text a message quotes.</summary>
    private const int MaxLength = 120;

    /// <summary><paramref name="text"/> in double quotes, escaped and cut to <see cref="MaxLength"/> characters.</summary>
    public static string Quote(string text) => "\"" + Printable(text) + "\"";

    /// <summary><paramref name="text"/> escaped and cut to <see cref="MaxLength"/> characters, without quotes.</summary>
    public static string Printable(string text)
    {
        var builder = new StringBuilder(System.Math.Min(text.Length, MaxLength) + 8);
        foreach (char c in text)
        {
            if (builder.Length >= MaxLength)
            {
                return builder.Append("...").ToString();
            }

            bool printable = !char.IsControl(c) && !char.IsSurrogate(c) && c != '\uFFFD'
                && char.GetUnicodeCategory(c) is not (UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse);
            builder.Append(printable ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
        }

        return builder.ToString();
    }
}
