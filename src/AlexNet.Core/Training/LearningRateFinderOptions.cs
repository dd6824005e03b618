namespace AlexNet.Core.Training;

/// <summary>
/// Settings of the learning-rate range test (<see cref="Trainer.FindLearningRate"/>, Smith 2015, as fastai's and
/// torch-lr-finder's): the rate grows exponentially from <see cref="StartLearningRate"/> to <see cref="EndLearningRate"/>
/// over <see cref="Steps"/> optimizer steps.
/// </summary>
public sealed class LearningRateFinderOptions
{
    /// <summary>The first step's rate, &gt; 0. Default 1e-7.</summary>
    public double StartLearningRate { get; set; } = 1e-7;

    /// <summary>The last step's rate, &gt; <see cref="StartLearningRate"/>. Default 10.</summary>
    public double EndLearningRate { get; set; } = 10;

    /// <summary>Optimizer steps (one batch each, cycling through the epochs of the source), &gt;= 2. Default 100.</summary>
    public int Steps { get; set; } = 100;

    /// <summary>The smoothing of the loss, beta of an exponential average with bias correction, in [0, 1). Default 0.98.</summary>
    public double Smoothing { get; set; } = 0.98;

    /// <summary>Stop when the smoothed loss exceeds this multiple of the best one seen (or a loss is not finite), &gt; 1. Default 4.</summary>
    public double DivergenceFactor { get; set; } = 4;
}
