using System.Net;
using System.Text.Json;
using Reco.Server;
using Reco.Server.Security;
using Reco.Tests.Cli;

namespace Reco.Tests.Server;

[Collection(ServerCollection.Name)]
public class OperationsTests
{
    [Fact]
    public async Task HealthSaysLiveReadyAndWhichModelAndVersion()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var health = await server.GetJsonAsync("/health");
        Assert.Equal("ready", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("ready").GetBoolean());
        Assert.Equal("als", health.GetProperty("model").GetString());
        Assert.Equal(1, health.GetProperty("version").GetInt32());
        Assert.Equal("exact", health.GetProperty("index").GetString());
        Assert.True((await server.GetJsonAsync("/health/live")).GetProperty("live").GetBoolean());
        Assert.True((await server.GetJsonAsync("/health/ready")).GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task WithoutAVersionTheServerIsLiveButNotReadyUntilOneIsSaved()
    {
        await using var server = await ServerTestHost.StartAsync(model: null);
        using var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.False(JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        using var answer = await server.Client.GetAsync("/v1/users/u1/recommendations");
        Assert.Equal("No model loaded", (await ServerTestHost.ProblemAsync(answer, 503)).GetProperty("title").GetString());

        server.Save(ServerTestHost.Als());
        var outcome = await server.Models.CheckAsync(forced: false);
        Assert.Equal(1, outcome.Version);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task MetricsArePrometheusTextWithRequestsLatencyModelVersionAndIndex()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        await server.GetJsonAsync("/v1/users/u1/recommendations");
        await server.Client.GetAsync("/v1/users/u1/recommendations?k=0");
        var text = await server.Client.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds_bucket", text);
        Assert.Contains("http_route=\"/v1/users/{id}/recommendations\"", text);
        Assert.Contains("http_response_status_code=\"400\"", text);
        Assert.Matches("reco_model_version[^\\n]*index=\"exact\"[^\\n]*model=\"als\"[^\\n]* 1", text);
        Assert.Matches("reco_recommendations_total\\{[^}]*method=\"model\"[^}]*\\} 1", text);
        Assert.Matches("reco_model_loads_total\\{[^}]*outcome=\"loaded\"[^}]*\\} 1", text);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApiAndItsLimitsAndDocsAndThePageAreServed()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var document = await server.GetJsonAsync("/openapi/v1.json");
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/v1/users/{id}/recommendations", "/v1/recommendations", "/v1/items/{id}/similar", "/v1/users/{id}/history", "/v1/users", "/v1/model", "/admin/reload" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.Contains("k from 1 to 20; request bodies up to 4,096 bytes", document.GetProperty("info").GetProperty("description").GetString());
        var parameters = paths.GetProperty("/v1/users/{id}/recommendations").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
        Assert.Equal(["id", "k", "exclude_seen", "diversity", "exclude", "candidates", "explain"], parameters);
        var k = paths.GetProperty("/v1/users/{id}/recommendations").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "k").GetProperty("schema");
        Assert.Equal("integer", k.GetProperty("type").GetString());
        Assert.Equal(20, k.GetProperty("maximum").GetInt32());

        // The problem answers each route can give are in the document, not only 200 and 400.
        string[] Statuses(string path, string method) => [.. paths.GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["200", "400", "503"], Statuses("/v1/users/{id}/recommendations", "get"));
        Assert.Equal(["200", "400", "413", "415", "503"], Statuses("/v1/recommendations", "post"));
        Assert.Equal(["200", "400", "404", "501", "503"], Statuses("/v1/items/{id}/similar", "get"));
        Assert.Equal(["200", "400", "404", "503"], Statuses("/v1/users/{id}/history", "get"));
        Assert.Contains("401", Statuses("/admin/reload", "post"));
        Assert.Contains("403", Statuses("/admin/reload", "post"));

        using var redirect = await server.Client.GetAsync("/docs");
        var docs = redirect.StatusCode == HttpStatusCode.Found ? await server.Client.GetAsync(redirect.Headers.Location) : redirect;
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync());

        var page = await server.Client.GetStringAsync("/");
        Assert.Contains("id=\"diversity\"", page);
        Assert.Contains("showRecommendations", await server.Client.GetStringAsync("/app.js"));
    }

    [Fact]
    public async Task ReloadNeedsTheApiKey()
    {
        await using (var closed = await ServerTestHost.StartAsync(ServerTestHost.Als()))
        {
            using var refused = await closed.Client.PostAsync("/admin/reload", null);
            Assert.Equal("Reloading is turned off", (await ServerTestHost.ProblemAsync(refused, 403)).GetProperty("title").GetString());
        }

        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(), o => o.ApiKey = "s3cret-key");
        using var missing = await server.Client.PostAsync("/admin/reload", null);
        await ServerTestHost.ProblemAsync(missing, 401);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/reload") { Headers = { { ApiKey.Header, "s3cret-kez" } } };
        using var wrongResponse = await server.Client.SendAsync(wrong);
        var problem = await ServerTestHost.ProblemAsync(wrongResponse, 401);
        Assert.DoesNotContain("s3cret", problem.GetRawText());

        using var right = new HttpRequestMessage(HttpMethod.Post, "/admin/reload") { Headers = { { ApiKey.Header, "s3cret-key" } } };
        using var ok = await server.Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "/admin/reload") { Headers = { { "Authorization", "Bearer s3cret-key" } } };
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public void TheApiKeyComesFromAFileOrTheEnvironmentAndIsComparedWhole()
    {
        var file = Path.Combine(TestData.TempDirectory(), "key");
        File.WriteAllText(file, "  abc123  \nsecond line\n");
        Assert.Equal("abc123", ApiKey.Resolve(file, _ => "from-env"));
        Assert.Equal("from-env", ApiKey.Resolve(null, _ => " from-env "));
        Assert.Null(ApiKey.Resolve(null, _ => null));
        File.WriteAllText(file, "\n");
        Assert.Equal($"The API key file '{file}' is empty.", Assert.Throws<IOException>(() => ApiKey.Resolve(file)).Message);
        Assert.StartsWith("Cannot read the API key file", Assert.Throws<IOException>(() => ApiKey.Resolve(file + ".missing")).Message);

        Assert.True(ApiKey.Matches("abc", "abc"));
        Assert.False(ApiKey.Matches("abc", "abd"));
        Assert.False(ApiKey.Matches("abc", "abcd"));
        Assert.False(ApiKey.Matches("abc", null));
        Assert.False(ApiKey.Matches("abc", ""));
    }

    [Fact]
    public async Task BadServerSettingsAreOneLineErrorsBeforeAnythingStarts()
    {
        var missing = Assert.Throws<ArgumentException>(() => RecoServer.Build(new RecoServerOptions { ModelDirectory = "/nonexistent/models/als" }));
        Assert.Equal("The model folder '/nonexistent/models/als' does not exist; save a model there with 'reco train ALGORITHM --save /nonexistent/models/als'.", missing.Message);

        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var version = Assert.Throws<ArgumentException>(() => RecoServer.Build(new RecoServerOptions { ModelDirectory = Path.Combine(server.Folder, "1") }));
        Assert.Contains("is one version of the model in", version.Message);
        Assert.StartsWith("--host must be an IP address", Assert.Throws<ArgumentException>(() => RecoServer.Build(new RecoServerOptions { ModelDirectory = server.Folder, Host = "example" })).Message);

        var (code, _, error) = await CliRunner.Run("serve", "--model", "/nonexistent/models/als");
        Assert.Equal(1, code);
        Assert.Equal("error: The model folder '/nonexistent/models/als' does not exist; save a model there with 'reco train ALGORITHM --save /nonexistent/models/als'.", error.Trim());
        (code, _, error) = await CliRunner.Run("serve", "--model", server.Folder, "--index", "fast");
        Assert.Equal(1, code);
        Assert.Contains("fast", error);
    }

    [Fact]
    public async Task EveryServeOptionIsCheckedBeforeStartingWithOneLineNamingItsRange()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Knn());
        foreach (var (args, message) in new (string[], string)[]
        {
            (["--max-k", "100000000"], "--max-k must be from 1 to 10,000; got 100000000."),
            (["--max-k", "0"], "--max-k must be from 1 to 10,000; got 0."),
            (["--port", "70000"], "--port must be from 0 to 65,535; got 70000."),
            (["--poll-seconds", "0"], "--poll-seconds must be from 1 to 86,400; got 0."),
            (["--index", "bogus"], "--index 'bogus' is not one of: exact, hnsw, ivf, auto."),
            (["--host", "example"], "--host must be an IP address (such as 127.0.0.1 or 0.0.0.0) or localhost; got 'example'."),
        })
        {
            var (code, _, error) = await CliRunner.Run(["serve", "--model", folder, .. args]);
            Assert.Equal(1, code);
            // The error, then the pointer to --help that every parse error gets.
            var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(2, lines.Length);
            Assert.Contains(message, lines[0]);
            Assert.StartsWith("See 'reco serve --help'", lines[1]);
        }

        var (_, help, _) = await CliRunner.Run("serve", "--help");
        Assert.Contains("1 to 10,000", help);
        Assert.Contains("0 to 65,535", help);

        var tooLarge = Assert.Throws<ArgumentException>(() => RecoServer.Build(new RecoServerOptions { ModelDirectory = folder, MaxK = 100_000_000 }));
        Assert.Equal("--max-k must be from 1 to 10,000; got 100000000.", tooLarge.Message);
    }

    [Fact]
    public async Task AKeyFileThatIsAFolderAndAModelThatIsABrokenLinkAreSaidSo()
    {
        var folder = TestData.TempDirectory();
        Assert.Equal($"The API key file '{folder}' is a folder; give the file that holds the key.", Assert.Throws<IOException>(() => ApiKey.Resolve(folder)).Message);

        var link = Path.Combine(TestData.TempDirectory(), "deadlink");
        File.CreateSymbolicLink(link, Path.Combine(folder, "gone"));
        var broken = Assert.Throws<ArgumentException>(() => RecoServer.Build(new RecoServerOptions { ModelDirectory = link }));
        Assert.Equal($"'{link}' is a broken link: it points to '{Path.Combine(folder, "gone")}', which does not exist.", broken.Message);
        var (code, _, error) = await CliRunner.Run("serve", "--model", link);
        Assert.Equal(1, code);
        Assert.Contains("is a broken link", error);
    }

    [Fact]
    public async Task APortInUseIsOneLineNamingThePortAndTheOption()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Knn());
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var failure = await Assert.ThrowsAsync<IOException>(() => RecoServer.RunAsync(new RecoServerOptions { ModelDirectory = folder, Port = port }));
        Assert.Equal($"port {port} on 127.0.0.1 is already in use; pick another with --port.", failure.Message);

        var (code, _, error) = await CliRunner.Run("serve", "--model", folder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, code);
        Assert.Equal($"error: port {port} on 127.0.0.1 is already in use; pick another with --port.", error.Trim());
    }
}
