using NetTopologySuite.Geometries;

namespace TamRl.Upscale.Jobs.Seam;

/// <summary>Whether a region (lon/lat degrees) has any land the pipeline produces fluxes for.</summary>
public interface ILandMask
{
    bool Touches(Geometry region);
}
