using TamRl.Upscale.Products.Checks;

namespace TamRl.Upscale.Products.Publishing;

public sealed record PublishOptions
{
    public CheckOptions Checks { get; init; } = CheckOptions.Default;

    /// <summary>Draw quicklook PNGs (the slowest part on coarse grids; tests of other things switch them off).</summary>
    public bool Quicklooks { get; init; } = true;

    /// <summary>
    /// The training dataset (training.nc) whose towers (the model's training sites, from run.json) define the domain of
    /// applicability published beside the fluxes (<see cref="Domain.DomainMap"/>); null: no domain map.
    /// </summary>
    public string? TrainingDataset { get; init; }

    /// <summary>
    /// The folder a <see cref="ProductPublisher.Check"/> of this run filled (OUT/runs/RUN/checked): moved into place when
    /// the run folder's <see cref="CheckRecord"/> still matches the run, else removed and the products assembled and
    /// checked again. Null: assemble and check during publication.
    /// </summary>
    public string? CheckedFolder { get; init; }

    /// <summary>Called after each step completes.</summary>
    public Action<PublishStep>? OnStep { get; init; }
}
