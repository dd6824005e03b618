namespace AlexNet.Core.Metrics;

/// <summary>Whether a monitored metric improves by going down (a loss, an error) or up (an accuracy).</summary>
public enum MetricMode
{
    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
