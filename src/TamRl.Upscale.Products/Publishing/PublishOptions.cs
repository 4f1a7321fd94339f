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

    /// <summary>
    /// The sha256 of files (full paths) hashed earlier in the same publish turn, which nothing has written since: the
    /// untouched chunks <see cref="RerunChunks.TakeUntouched"/> compared or copied. The check record's fingerprint takes
    /// them instead of reading those files a second time; any other file is hashed as usual.
    /// </summary>
    public IReadOnlyDictionary<string, string>? KnownHashes { get; init; }

    /// <summary>Called after each step completes.</summary>
    public Action<PublishStep>? OnStep { get; init; }
}
