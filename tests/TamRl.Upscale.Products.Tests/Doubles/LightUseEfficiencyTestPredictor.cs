using TamRl.Upscale.Core.Prediction;
using TamRl.Upscale.Core.Variables;

namespace TamRl.Upscale.Products.Tests.Doubles;

/// <summary>
/// TEST DOUBLE standing in for the TAM-RL ensemble: a deterministic light-use-efficiency formula of the
/// drivers (GPP = eps * fAPAR(NDVI) * PAR * f(T)), Lloyd-Taylor respiration plus a share of GPP, and a
/// fixed relative "spread". It keeps the predictor's invariants (GPP, RECO >= 0; NEE = RECO - GPP in
/// float32) unless told to break them, so tests can see the checks catch it.
/// </summary>
public sealed class LightUseEfficiencyTestPredictor : IFluxPredictor
{
    private readonly int _ta = DriverFeatures.IndexOf("ta");
    private readonly int _sw = DriverFeatures.IndexOf("sw_in");
    private readonly int _ndvi = DriverFeatures.IndexOf("ndvi");

    public IReadOnlyList<string> Features { get; init; } = DriverFeatures.Names;

    public string Identity { get; init; } = "test-double:light-use-efficiency/1";

    /// <summary>When set, NEE is off by this much at the first pixel's tenth day (to exercise the balance check).</summary>
    public float NeeError { get; init; }

    /// <summary>Number of Predict calls so far (tests check batching).</summary>
    public int Calls { get; private set; }

    public FluxBlock Predict(PixelBlock block)
    {
        block.Validate();
        Calls++;
        var n = block.Pixels * block.Days;
        var gpp = new float[n];
        var reco = new float[n];
        var nee = new float[n];
        var f = block.Features;
        for (var p = 0; p < block.Pixels; p++)
            for (var d = 0; d < block.Days; d++)
            {
                var x = block.Drivers.AsSpan((p * block.Days + d) * f, f);
                var ta = x[_ta];
                var par = 0.48 * x[_sw] * 0.0864; // W m-2 daily mean -> MJ m-2 d-1 of PAR
                var fapar = Math.Clamp(1.24 * x[_ndvi] - 0.168, 0, 1);
                var fT = Math.Clamp((ta + 5) / 25.0, 0, 1);
                var g = (float)(1.8 * fapar * par * fT);
                var tk = ta + 273.15;
                var rh = 1.2 * Math.Exp(200 * (1 / (288.15 - 227.13) - 1 / Math.Max(tk - 227.13, 1)));
                var r = (float)(Math.Min(rh, 20) + 0.4 * g);
                var i = p * block.Days + d;
                gpp[i] = g;
                reco[i] = r;
                nee[i] = r - g;
            }
        if (NeeError != 0 && block.Days > 10)
            nee[10] += NeeError;
        return new FluxBlock(block.Pixels, block.Days, gpp, reco, nee,
            gpp.Select(v => 0.1f * v).ToArray(), reco.Select(v => 0.1f * v).ToArray(), nee.Select(v => 0.1f * Math.Abs(v)).ToArray());
    }
}
