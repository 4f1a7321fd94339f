using System.Text.Json.Serialization;

namespace TamRl.Upscale.Model.Bundle;

/// <summary>
/// bundle.json (docs/data-contracts.md §4): everything inference needs besides the weights. The feature list
/// (names, units, order) is what the model was trained on: a selection of Core's DriverFeatures catalogue in the
/// units this version uses, or the bundle is refused; inference refuses a driver cube that lacks one of them.
/// </summary>
public sealed record BundleManifest
{
    public const int CurrentFormatVersion = 1;

    [JsonPropertyName("format_version")] public int FormatVersion { get; init; } = CurrentFormatVersion;
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    [JsonPropertyName("features")] public List<BundleFeature> Features { get; init; } = [];
    [JsonPropertyName("static_features")] public BundleStaticFeatures StaticFeatures { get; init; } = new();
    [JsonPropertyName("normalisation")] public BundleNormalisation Normalisation { get; init; } = new();
    [JsonPropertyName("window_length")] public int WindowLength { get; init; }
    /// <summary>Decoder warm-up days at inference (absent in older bundles: 0).</summary>
    [JsonPropertyName("warmup_days")] public int WarmupDays { get; init; }
    /// <summary>How the heads are balanced at inference ("equal" or "nee"; absent in older bundles: "equal").</summary>
    [JsonPropertyName("balance")] public string Balance { get; init; } = "equal";
    /// <summary>
    /// Support windows of the task code at inference, one code per pixel and period (<see cref="InferenceSupport"/>; training's
    /// supportWindows); 0: each tile's code from every other tile, the earlier definition. Absent in older bundles: the training default.
    /// </summary>
    [JsonPropertyName("support_windows")] public int SupportWindows { get; init; } = InferenceSupport.DefaultWindows;
    [JsonPropertyName("architecture")] public BundleArchitecture Architecture { get; init; } = new();
    [JsonPropertyName("members")] public List<BundleMember> Members { get; init; } = [];
    [JsonPropertyName("training_sites")] public List<string> TrainingSites { get; init; } = [];
    [JsonPropertyName("split")] public string Split { get; init; } = "";
}

public sealed record BundleFeature([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("units")] string Units);

public sealed record BundleStaticFeatures
{
    [JsonPropertyName("igbp_classes")] public int IgbpClasses { get; init; }
    [JsonPropertyName("koppen_classes")] public int KoppenClasses { get; init; }
    [JsonPropertyName("location")] public string Location { get; init; } = LocationEncoded;
    /// <summary>The training sites' IGBP classes; others get no one-hot (<see cref="Training.FeatureEncoding.TrainedIgbp"/>). Absent: all.</summary>
    [JsonPropertyName("igbp_trained")] public int[]? IgbpTrained { get; init; }
    /// <summary>The training sites' Koppen classes, likewise.</summary>
    [JsonPropertyName("koppen_trained")] public int[]? KoppenTrained { get; init; }

    /// <summary>The location slots as <see cref="Training.FeatureEncoding"/> fills them, or <see cref="LocationOff"/> (zeros).</summary>
    public const string LocationEncoded = "lat/90, sin(lon), cos(lon)";
    public const string LocationOff = "none";
}

public sealed record BundleNormalisation
{
    [JsonPropertyName("driver_mean")] public float[] DriverMean { get; init; } = [];
    [JsonPropertyName("driver_std")] public float[] DriverStd { get; init; } = [];
    [JsonPropertyName("gpp_scale")] public float GppScale { get; init; }
    [JsonPropertyName("reco_scale")] public float RecoScale { get; init; }
    [JsonPropertyName("nee_scale")] public float NeeScale { get; init; }
    [JsonPropertyName("nee_mean")] public float NeeMean { get; init; }
}

public sealed record BundleArchitecture
{
    [JsonPropertyName("input_size")] public int InputSize { get; init; }
    [JsonPropertyName("static_size")] public int StaticSize { get; init; }
    [JsonPropertyName("hidden")] public int Hidden { get; init; }
    [JsonPropertyName("latent")] public int Latent { get; init; }
    [JsonPropertyName("layers")] public int Layers { get; init; }
    [JsonPropertyName("dropout")] public double Dropout { get; init; }
}

public sealed record BundleMember(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("best_epoch")] int BestEpoch);
