using System.Net.Http.Json;
using System.Text.Json;

namespace TamRl.Upscale.Server.Tests.Support;

/// <summary>Small helpers over the HTTP API as a client would use it.</summary>
public static class Api
{
    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Polls GET /api/runs/{id} until the run is done or failed.</summary>
    public static async Task<JsonElement> WaitFinished(HttpClient client, string id, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}");
            if (run.GetProperty("state").GetString() is "done" or "failed")
                return run;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"run {id} not finished: {run}");
            await Task.Delay(100);
        }
    }
}
