namespace TamRl.Upscale.Model.TamRl;

/// <summary>The models this project trains and compares; names as written in configurations and reports.</summary>
public enum ModelKind
{
    /// <summary>TAM-RL: decoder modulated by a task code learned from the location's support set.</summary>
    TamRl,
    /// <summary>CT-LSTM: the static one-hots concatenated to the LSTM input, no modulation.</summary>
    CtLstm,
    /// <summary>TAMLSTM: the decoder modulated by the static features instead of a learned code.</summary>
    TamLstm,
    /// <summary>Gradient-boosted trees on per-day features (FLUXCOM-X-BASE style), through LightGBM.</summary>
    Trees,
}

public static class ModelKinds
{
    public static string Name(ModelKind kind) => kind switch
    {
        ModelKind.TamRl => "tamrl",
        ModelKind.CtLstm => "ctlstm",
        ModelKind.TamLstm => "tamlstm",
        ModelKind.Trees => "trees",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string DisplayName(ModelKind kind) => kind switch
    {
        ModelKind.TamRl => "TAM-RL",
        ModelKind.CtLstm => "CT-LSTM",
        ModelKind.TamLstm => "TAMLSTM",
        ModelKind.Trees => "Trees (LightGBM)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static ModelKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tamrl" or "tam-rl" => ModelKind.TamRl,
        "ctlstm" or "ct-lstm" => ModelKind.CtLstm,
        "tamlstm" => ModelKind.TamLstm,
        "trees" or "lightgbm" => ModelKind.Trees,
        _ => throw new ArgumentException($"unknown model '{name}'; known: tamrl, ctlstm, tamlstm, trees"),
    };
}
