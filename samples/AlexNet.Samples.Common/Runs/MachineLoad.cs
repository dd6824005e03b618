using System.Globalization;

namespace AlexNet.Samples.Common.Runs;

/// <summary>
/// The machine's 1-minute load average, which a run prints beside its wall time: wall times move 2x with what else
/// runs on the cores, so a time is only comparable together with the load it was measured under.
/// </summary>
public static class MachineLoad
{
    private const string LoadAverageFile = "/proc/loadavg";

    /// <summary>The 1-minute load average as Linux prints it (for example "1.98"), or null where it is not available.</summary>
    public static string? OneMinute()
    {
        try
        {
            if (!File.Exists(LoadAverageFile))
            {
                return null;
            }

            string first = File.ReadAllText(LoadAverageFile).Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? first : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
