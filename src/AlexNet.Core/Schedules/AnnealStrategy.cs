namespace AlexNet.Core.Schedules;

/// <summary>How OneCycle moves between its learning rates (as torch's <c>anneal_strategy</c>).</summary>
public enum AnnealStrategy
{
    /// <summary>Cosine annealing ("cos").</summary>
    Cosine,

    /// <summary>Linear annealing ("linear").</summary>
    Linear,
}
