using static TorchSharp.torch;

namespace TamRl.Upscale.Model.TamRl;

/// <summary>
/// What a sequence model reads for a batch of query windows.
/// </summary>
/// <param name="Query">Per-day inputs of the query windows [batch, time, input].</param>
/// <param name="Static">Static features per query [batch, static].</param>
/// <param name="Support">Support windows of the same location, never the query window [batch, k, time, input]; TAM-RL only.</param>
/// <param name="TaskCode">A task code computed beforehand [batch, latent] (inference encodes a pixel's support set once, for all its tiles); wins over Support.</param>
public sealed record ModelInputs(Tensor Query, Tensor Static, Tensor? Support = null, Tensor? TaskCode = null);
