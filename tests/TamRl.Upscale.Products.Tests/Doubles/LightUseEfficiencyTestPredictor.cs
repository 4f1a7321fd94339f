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

    /// <summary>
    /// When true, a two-member ensemble whose members differ from the mean by +-10 %, with the sign alternating from day
    /// to day (member 0: + on even days of the period): the daily spreads are the usual 10 %, but the members' monthly
    /// means nearly agree, so the spread of a monthly mean is far below the mean of the daily spreads. The members'
    /// monthly means are returned when the block asks for them.
    /// </summary>
    public bool AlternatingMembers { get; init; }

    /// <summary>Number of Predict calls so far (tests check batching).</summary>
    public int Calls { get; private set; }

    /// <summary>Member k's value on day d is the mean x (1 + 0.1 x sign), sign = +1 for k = 0 on even days; [member, pixel, span, flux].</summary>
    public static float Member(float mean, int member, int day) => mean * (1 + 0.1f * ((member + day) % 2 == 0 ? 1 : -1));

    private static float[] MemberMeans(PixelBlock block, IReadOnlyList<(int First, int Days)> spans, float[] gpp, float[] reco)
    {
        var means = new float[2 * block.Pixels * spans.Count * 3];
        for (var k = 0; k < 2; k++)
            for (var p = 0; p < block.Pixels; p++)
                for (var s = 0; s < spans.Count; s++)
                {
                    double g = 0, r = 0;
                    for (var d = spans[s].First; d < spans[s].First + spans[s].Days; d++)
                    {
                        g += Member(gpp[p * block.Days + d], k, d);
                        r += Member(reco[p * block.Days + d], k, d);
                    }
                    var at = ((k * block.Pixels + p) * spans.Count + s) * 3;
                    means[at] = (float)(g / spans[s].Days);
                    means[at + 1] = (float)(r / spans[s].Days);
                    means[at + 2] = (float)((r - g) / spans[s].Days);
                }
        return means;
    }

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
            gpp.Select(v => 0.1f * v).ToArray(), reco.Select(v => 0.1f * v).ToArray(), nee.Select(v => 0.1f * Math.Abs(v)).ToArray())
        {
            Members = AlternatingMembers && block.MemberMeanSpans is not null ? 2 : 0,
            MemberMeans = AlternatingMembers && block.MemberMeanSpans is { } spans ? MemberMeans(block, spans, gpp, reco) : null,
        };
    }
}
