namespace TamRl.Upscale.Pipeline.Tests;

/// <summary>
/// A pipeline configuration small enough for a test: the sample world over Europe at 2 degrees for one
/// year, one tiny ensemble member trained for a few batches, products for one month.
/// </summary>
internal static class TinyWorld
{
    public static string WriteConfig(string folder, string? productsPeriod = "2019-07")
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tiny.model.json"), """
            {
              "dataset": "{out}/sites/training.nc",
              "splits": "{out}/sites/splits.json",
              "split": "all",
              "model": "tamrl",
              "seeds": [7],
              "device": "cpu",
              "training": { "hidden": 16, "latent": 8, "layers": 1, "windowLength": 30, "windowStride": 30,
                            "epochs": 2, "pretrainEpochs": 1, "patience": 2, "maxBatchesPerEpoch": 4, "threads": 1 }
            }
            """);
        var path = Path.Combine(folder, "tiny.json");
        File.WriteAllText(path, $$"""
            {
              "name": "tiny",
              "seed": 11,
              "sampleWorld": { "resolution": 2, "start": "2019-01", "end": "2019-12", "bbox": "-10,36,30,60" },
              "ingest": {
                "grid": { "resolution": 2, "bbox": [-10, 36, 30, 60] },
                "period": { "start": "2019-01-01", "end": "2019-12-31" },
                "static": "{out}/world/static/geography.nc",
                "era5": [ { "layout": "new-cds", "paths": ["{out}/world/era5/new-cds/era5_daily_*.nc"] } ],
                "modis": [ { "paths": ["{out}/world/modis/modis_*.nc"] } ]
              },
              "sites": { "towers": "{out}/world/towers/sites.csv", "windowStride": 30 },
              "model": { "config": "tiny.model.json", "evaluate": false, "device": "cpu" },
              "products": { "period": "{{productsPeriod}}", "budget": "2MiB", "batchPixels": 16, "quicklooks": false, "truth": "{out}/world/truth",
                            "totalBounds": { "gpp": [0.5, 30], "reco": [0.5, 30], "nee": [-10, 10] } }
            }
            """);
        return path;
    }
}
