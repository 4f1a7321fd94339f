using System.Text.Json;
using TamRl.Upscale.TestSupport;

namespace TamRl.Upscale.Cli.Tests.Commands;

/// <summary>The orchestration verbs as a user runs them: run --pipeline, status, rerun, worker and server refusals.</summary>
public sealed class OrchestrationCommandsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _config;
    private readonly string _out;

    public OrchestrationCommandsTests()
    {
        _config = _dir.File("synthetic.json");
        File.WriteAllText(_config, """{"name":"cli","seed":3,"synthetic":{"chunkDegrees":90}}""");
        _out = Path.Combine(_dir.Path, "out");
    }

    [Fact]
    public void Run_through_hangfire_shows_progress_then_status_and_a_rerun_work_on_its_output_folder()
    {
        var run = Tamrl.RunSynthetic("run", "--config", _config, "--out", _out, "--pipeline", "synthetic");
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Matches(@": active, stage \S+", run.StdOut); // progress lines from the first poll on
        Assert.Contains(": done, stage done, chunks 8/8", run.StdOut);
        Assert.Contains($"products in {Path.Combine(_out, "products")}", run.StdOut);
        Assert.Equal(8 * 4096, new FileInfo(Path.Combine(_out, "products", "flux.bin")).Length);
        var id = Directory.GetDirectories(Path.Combine(_out, "work")).Select(Path.GetFileName).Single()!;

        var status = Tamrl.RunSynthetic("status", id, "--out", _out, "--json");
        Assert.Equal(0, status.ExitCode);
        var json = JsonDocument.Parse(status.StdOut).RootElement;
        Assert.Equal(("done", 8, 8), (json.GetProperty("state").GetString(), json.GetProperty("chunksDone").GetInt32(), json.GetProperty("chunksTotal").GetInt32()));

        var rerun = Tamrl.RunSynthetic("rerun", "--out", _out, "--bbox", "10,10,20,20", "--period", "2024-05");
        Assert.True(rerun.ExitCode == 0, rerun.StdErr);
        Assert.Contains($"1 chunks, patches {id}", rerun.StdOut);
    }

    [Fact]
    public void Run_of_the_production_program_serves_only_the_real_pipeline()
    {
        // The synthetic pipeline is a test double: only the tests' build of the program (tamrl-synthetic) registers it.
        var r = Tamrl.Run("run", "--config", _config, "--out", _out, "--pipeline", "synthetic");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("pipeline 'synthetic' is not registered", r.StdOut + r.StdErr);
        Assert.Contains("known: tamrl)", r.StdOut + r.StdErr);
    }

    [Theory]
    [InlineData("--bbox", "-160,-30,-130,10", "--bbox: the region does not intersect land")]
    [InlineData("--bbox", "170,0,-170,10", "crosses the antimeridian")]
    [InlineData("--period", "2024-13", "--period: expected YYYY-MM")]
    public void Rerun_refuses_bad_regions_and_periods_with_exit_status_2(string option, string value, string expected)
    {
        Assert.Equal(0, Tamrl.RunSynthetic("run", "--config", _config, "--out", _out, "--pipeline", "synthetic").ExitCode);
        string[] args = option == "--period"
            ? ["rerun", "--out", _out, "--bbox", "10,10,20,20", "--period", value]
            : ["rerun", "--out", _out, option, value, "--period", "2024-01"];
        var r = Tamrl.RunSynthetic(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.StdErr);
    }

    [Fact]
    public void A_geojson_file_with_a_self_intersecting_polygon_is_refused_naming_the_file()
    {
        var geojson = _dir.File("bowtie.geojson");
        File.WriteAllText(geojson, """{"type":"Polygon","coordinates":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}""");
        var r = Tamrl.RunSynthetic("rerun", "--out", _out, "--geojson", geojson, "--period", "2024-01");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{geojson}: invalid polygon: Self-intersection", r.StdErr);
    }

    [Fact]
    public void Worker_without_postgresql_and_server_on_a_public_binding_without_token_refuse_to_start()
    {
        var worker = Tamrl.RunSynthetic("worker");
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("--postgres", worker.StdErr);

        var server = Tamrl.RunSynthetic("server", "--urls", "http://0.0.0.0:5999", "--state", _dir.File("state"), "--workers", "0");
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("TAMRL_API_TOKEN", server.StdErr);
    }

    [Fact]
    public void Status_of_an_unknown_run_says_so()
    {
        var r = Tamrl.RunSynthetic("status", "run-nope", "--out", _out);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("run 'run-nope': not found", r.StdErr);
    }

    public void Dispose() => _dir.Dispose();
}
