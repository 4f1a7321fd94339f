using TamRl.Upscale.Model.TamRl;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// How a sequence model is trained. Defaults follow the paper's reference code where it states them
/// (hidden 128, latent 32, batch 32, Adam with a step schedule, up to 100 epochs with early stopping,
/// windows of 30 days every 15, lambda 0.1); tests use tiny sizes.
/// </summary>
public sealed record TrainingOptions
{
    public int Hidden { get; init; } = 128;
    public int Latent { get; init; } = 32;
    public int Layers { get; init; } = 1;
    public double Dropout { get; init; } = 0.1;
    public int WindowLength { get; init; } = 30;
    public int WindowStride { get; init; } = 15;
    /// <summary>Support windows per query in training (inference uses every other tile of the series).</summary>
    public int SupportWindows { get; init; } = 4;
    public int BatchSize { get; init; } = 32;
    public int Epochs { get; init; } = 100;
    /// <summary>TAM-RL only: epochs of the plain decoder before the task code switches on.</summary>
    public int PretrainEpochs { get; init; } = 10;
    /// <summary>Epochs without a better hold-out loss before training stops.</summary>
    public int Patience { get; init; } = 10;
    public double LearningRate { get; init; } = 1e-3;
    public int LearningRateStep { get; init; } = 20;
    public double LearningRateGamma { get; init; } = 0.5;
    public double Lambda { get; init; } = FluxLoss.DefaultLambda;
    /// <summary>Fraction of each training site's series, at its end, held out for early stopping.</summary>
    public double HoldoutFraction { get; init; } = 0.2;
    /// <summary>Intra-op threads; a fixed count keeps results bit-exact run to run.</summary>
    public int Threads { get; init; } = 2;
    /// <summary>
    /// Members of one ensemble trained at the same time, each on its own thread with its own dropout generator, so a
    /// member's weights do not depend on this number (<see cref="EnsembleTrainer"/>). Independent small networks
    /// keep two cores busier than one network's intra-op threads do (<see cref="Threads"/> still applies to each).
    /// Not part of the checkpoint fingerprint.
    /// </summary>
    public int ParallelMembers { get; init; } = 1;
    /// <summary>
    /// Inference: days of the preceding series the decoder runs through before each tile's first predicted day,
    /// so that no tile starts from an empty LSTM state (the first tile of a series has nothing before it).
    /// </summary>
    public int WarmupDays { get; init; }
    /// <summary>
    /// Training: days of drivers before each training window that the decoder reads first (no loss on them), so it
    /// learns from the warmed-up state it predicts from at inference and from memory longer than a window.
    /// </summary>
    public int TrainWarmupDays { get; init; }
    /// <summary>
    /// Inference: how the heads are made to satisfy NEE = RECO - GPP, "equal" (orthogonal projection) or "nee" (the
    /// NEE head kept; <see cref="TamRl.FluxOutputs.Balance"/>). Not part of the checkpoint fingerprint.
    /// </summary>
    public string Balance { get; init; } = "equal";
    /// <summary>
    /// Training: weight each day so that every calendar month of a site carries the same total QC weight
    /// (<see cref="SeasonWeights"/>), against the towers' summer-heavy records; part of the checkpoint fingerprint.
    /// </summary>
    public bool SeasonBalance { get; init; }
    /// <summary>
    /// Training: weight of the window-mean error term of <see cref="FluxLoss"/> (0: off, the paper's loss), which holds
    /// each window's mean flux to the towers' against a bias too small for the daily loss to notice; part of the
    /// checkpoint fingerprint.
    /// </summary>
    public double WindowMeanWeight { get; init; }
    /// <summary>
    /// Training: how the towers' classes weigh in the loss (<see cref="Training.ClassWeights"/>): "equal", the paper's
    /// inverse frequency (every IGBP and Koppen class the same total weight), or "land", each class by its share of
    /// the land of the configuration's <see cref="ModelRunConfig.LandCover"/> (importance weights against the towers'
    /// covariate shift); part of the checkpoint fingerprint, with the land shares themselves.
    /// </summary>
    public string ClassWeights { get; init; } = "equal";
    /// <summary>Whether the model reads the location (lat/lon) as an input (<see cref="FeatureEncoding.Location"/>; the paper's: yes).</summary>
    public bool Location { get; init; } = true;
    /// <summary>Optional cap on fitting batches per epoch (0 = all); bounds epoch time on large sets.</summary>
    public int MaxBatchesPerEpoch { get; init; }

    public ModelArchitecture Architecture(ModelKind kind, FeatureEncoding encoding) =>
        new(kind, encoding.InputSize, encoding.StaticSize, Hidden, Latent, Layers, Dropout);
}
