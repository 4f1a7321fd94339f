using TamRl.Upscale.Model.TamRl;
using static TorchSharp.torch;

namespace TamRl.Upscale.Model.Training;

/// <summary>
/// A batch for the loss: model inputs, physical targets [batch, time, 3] (GPP, RECO, NEE; 0 where
/// missing), their mask (1 where observed) and the per-day weight (QC fraction times the site's class weight).
/// </summary>
public sealed record TrainingBatch(ModelInputs Inputs, Tensor Targets, Tensor Mask, Tensor Weights);
