namespace TamRl.Upscale.Core.Prediction;

/// <summary>What inference asks of a trained model (an ensemble or a baseline); implemented by the Model project.</summary>
public interface IFluxPredictor
{
    /// <summary>Driver feature names the predictor was trained on, in order; inference refuses a cube that differs.</summary>
    IReadOnlyList<string> Features { get; }

    /// <summary>An identity for provenance (e.g. the model bundle's sha256).</summary>
    string Identity { get; }

    FluxBlock Predict(PixelBlock block);
}
