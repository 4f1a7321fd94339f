using System.CommandLine;
using TamRl.Upscale.Products.Checks;
using TamRl.Upscale.Products.Publishing;

namespace TamRl.Upscale.Cli.Commands;

/// <summary>
/// <c>tamrl publish --run RUNDIR --out OUT [--no-quicklooks] [--gpp-bounds MIN,MAX]...</c>: assembles a run's
/// chunks into CF NetCDF, COG and quicklook products in staging, checks them (OUT/products/checks.json)
/// and publishes them atomically under OUT/products/PERIOD. A failed check publishes nothing (exit 2).
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "The run folder (OUT/runs/RUN).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder; products go to OUT/products/.", Required = true };
        var noQuicklooks = new Option<bool>("--no-quicklooks") { Description = "Skip the PNG quicklooks." };
        var gpp = new Option<string?>("--gpp-bounds") { Description = "Plausible global GPP, PgC/yr, MIN,MAX (default 60,200)." };
        var reco = new Option<string?>("--reco-bounds") { Description = "Plausible global RECO, PgC/yr (default 50,200)." };
        var nee = new Option<string?>("--nee-bounds") { Description = "Plausible global NEE, PgC/yr (default -40,20)." };
        var dataset = new Option<string?>("--training-dataset") { Description = "The training dataset (OUT/sites/training.nc) of the model's towers: publishes the domain of applicability beside the fluxes." };
        var command = new Command("publish", "Assemble, check and atomically publish a run's products.") { run, output, noQuicklooks, gpp, reco, nee, dataset };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var bounds = new Dictionary<string, (double, double)>(CheckOptions.Default.TotalBounds);
            foreach (var (name, option) in new[] { ("gpp", gpp), ("reco", reco), ("nee", nee) })
                if (parse.GetValue(option) is { } text)
                    bounds[name] = CommandInput.Parse($"--{name}-bounds", text, t =>
                    {
                        var parts = t.Split(',');
                        if (parts.Length != 2)
                            throw new FormatException("expected MIN,MAX");
                        return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
                    });
            var result = ProductPublisher.Publish(parse.GetValue(run)!, parse.GetValue(output)!, new PublishOptions
            {
                Quicklooks = !parse.GetValue(noQuicklooks),
                Checks = CheckOptions.Default with { TotalBounds = bounds },
                TrainingDataset = parse.GetValue(dataset),
                OnStep = step => Console.Out.WriteLine($"publish: {step}"),
            });
            Console.Out.WriteLine($"published {result.Period}: {result.Files.Select(f => f.File).Distinct().Count()} files in {result.PeriodFolder}");
            return 0;
        }));
        return command;
    }
}
