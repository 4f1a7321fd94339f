namespace TamRl.Upscale.Products;

/// <summary>One output variable of inference and of the products.</summary>
/// <param name="Name">Variable name in chunk files and NetCDF products.</param>
/// <param name="LongName">CF long_name; says "carbon", because the units ("g m-2 d-1", which UDUNITS parses) cannot.</param>
/// <param name="StandardName">CF standard name where CF has one for exactly this quantity, else null.</param>
/// <param name="Comment">CF comment: sign conventions and why a standard name is absent.</param>
/// <param name="UncertaintyOf">For an ensemble spread, the flux it belongs to.</param>
public sealed record FluxVariable(string Name, string LongName, string? StandardName, string Comment, string? UncertaintyOf = null)
{
    public const string Units = "g m-2 d-1";

    public bool IsUncertainty => UncertaintyOf is not null;
}

/// <summary>The catalogue of output variables, in the order chunk files and products hold them.</summary>
public static class FluxVariables
{
    public static readonly FluxVariable Gpp = new("gpp", "gross primary productivity of carbon", "gross_primary_productivity_of_biomass_expressed_as_carbon",
        "daily mean flux of carbon into the land surface by photosynthesis; mass of carbon, not of CO2");

    public static readonly FluxVariable Reco = new("reco", "ecosystem respiration of carbon", null,
        "autotrophic plus heterotrophic respiration, positive upward (out of the land surface); mass of carbon. " +
        "CF has no standard name for total ecosystem respiration");

    public static readonly FluxVariable Nee = new("nee", "net ecosystem exchange of carbon", null,
        "NEE = RECO - GPP, positive upward (a source to the atmosphere). The CF standard name " +
        "surface_net_downward_mass_flux_of_carbon_dioxide_expressed_as_carbon_due_to_all_land_processes_excluding_anthropogenic_land_use_change " +
        "is positive downward (= -NEE), so it is not used here");

    public static readonly FluxVariable GppUncertainty = Spread(Gpp);
    public static readonly FluxVariable RecoUncertainty = Spread(Reco);
    public static readonly FluxVariable NeeUncertainty = Spread(Nee);

    /// <summary>The three fluxes.</summary>
    public static readonly IReadOnlyList<FluxVariable> Fluxes = [Gpp, Reco, Nee];

    /// <summary>Fluxes then spreads: gpp, reco, nee, gpp_uncertainty, reco_uncertainty, nee_uncertainty.</summary>
    public static readonly IReadOnlyList<FluxVariable> All = [Gpp, Reco, Nee, GppUncertainty, RecoUncertainty, NeeUncertainty];

    public static FluxVariable ByName(string name) =>
        All.FirstOrDefault(v => v.Name == name) ?? throw new ArgumentException($"unknown flux variable '{name}'; known: {string.Join(", ", All.Select(v => v.Name))}");

    private static FluxVariable Spread(FluxVariable flux) =>
        new($"{flux.Name}_uncertainty", $"{flux.LongName}, ensemble standard deviation", null,
            $"standard deviation of {flux.Name} across the members of the model ensemble (a spread, not a standard error)", flux.Name);
}
