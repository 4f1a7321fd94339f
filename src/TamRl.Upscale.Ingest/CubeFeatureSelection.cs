using TamRl.Upscale.Core.Config;
using TamRl.Upscale.Core.Errors;
using TamRl.Upscale.Core.Variables;
using TamRl.Upscale.Ingest.Era5;
using TamRl.Upscale.Ingest.Modis;

namespace TamRl.Upscale.Ingest;

/// <summary>
/// Which features the driver cube holds: <see cref="IngestConfig.Features"/> when given (in its order), else every
/// feature the input sets provide, in catalogue order. ERA5 sets provide ERA5's seven features (a missing variable is
/// named when the sets are opened); MODIS sets provide their products' layers (<see cref="ModisDailyDrivers.Provided"/>).
/// A selected feature no set provides is refused naming <c>ingest.features[i]</c>.
/// </summary>
public static class CubeFeatureSelection
{
    public static IReadOnlyList<DriverFeature> Resolve(IngestConfig ingest, string configPath)
    {
        var provided = new HashSet<string>(ModisDailyDrivers.Provided(ingest.Modis, configPath));
        if (ingest.Era5.Count > 0)
            provided.UnionWith(Era5DailyDrivers.Features);
        if (ingest.Features is null)
            return DriverFeatures.CubeCatalogue.Where(f => provided.Contains(f.Name)).ToArray();
        var result = new List<DriverFeature>();
        for (var i = 0; i < ingest.Features.Count; i++)
        {
            var name = ingest.Features[i];
            // Names outside the catalogue were refused when the configuration was loaded (IngestConfig.Validate).
            var feature = DriverFeatures.FindCubeFeature(name)
                ?? throw new InvalidOperationException($"ingest.features[{i}] '{name}' passed validation but is not in the cube catalogue");
            if (!provided.Contains(name))
                throw new InvalidInputException(configPath, $"ingest.features[{i}]",
                    $"no input set provides '{name}' ({(Era5DailyDrivers.Features.Contains(name) ? "an ERA5 feature: add an ingest.era5 set" : "a MODIS feature: add an ingest.modis set whose product has it")}); " +
                    $"the sets provide {(provided.Count == 0 ? "nothing" : string.Join(", ", DriverFeatures.CubeCatalogue.Where(f => provided.Contains(f.Name)).Select(f => f.Name)))}");
            result.Add(feature);
        }
        return result;
    }
}
