using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Serialization;
using Reco.Server;
using Reco.Server.Hosting;
using Reco.Tests.Models;

namespace Reco.Tests.Server;

/// <summary>A model base folder of small models trained on generated data, and the server over it in memory.</summary>
internal sealed class ServerTestHost : IAsyncDisposable
{
    private ServerTestHost(WebApplication app, string folder, CapturedLog log)
    {
        App = app;
        Folder = folder;
        Log = log;
        Client = app.GetTestClient();
    }

    /// <summary>Every line the server logged.</summary>
    public CapturedLog Log { get; }

    public WebApplication App { get; }

    public string Folder { get; }

    public HttpClient Client { get; }

    public ModelHost Models => App.Services.GetRequiredService<ModelHost>();

    /// <summary>An ALS model on 40 users and 30 items in two taste clusters (ids u0…, i0…); <paramref name="seed"/> changes its factors.</summary>
    public static IPersistentRecommender Als(int seed = 1)
    {
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("als", ["factors=8", "iterations=5", $"seed={seed}"]);
        model.Fit(ClassicData.Implicit());
        return model;
    }

    /// <summary>Item-KNN: no vectors, explains itself.</summary>
    public static IPersistentRecommender Knn()
    {
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("item-knn", []);
        model.Fit(ClassicData.Clustered());
        return model;
    }

    /// <summary>Saves <paramref name="model"/> as the next version of a new folder and starts a server over it.</summary>
    public static Task<ServerTestHost> StartAsync(IPersistentRecommender? model = null, Action<RecoServerOptions>? configure = null)
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        if (model is not null)
        {
            RecommenderFile.Save(folder, model);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }

        return StartOnAsync(folder, configure);
    }

    public static async Task<ServerTestHost> StartOnAsync(string folder, Action<RecoServerOptions>? configure = null)
    {
        var options = new RecoServerOptions { ModelDirectory = folder, Index = "exact", PollInterval = TimeSpan.FromHours(1), MaxK = 20, MaxBodyBytes = 4096, MaxListedItems = 50 };
        configure?.Invoke(options);
        var log = new CapturedLog();
        var app = RecoServer.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Logging.AddProvider(log);
        });
        await app.StartAsync();
        return new ServerTestHost(app, folder, log);
    }

    /// <summary>Popularity: no vectors, no similar items, no explanations.</summary>
    public static IPersistentRecommender Popularity()
    {
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("popularity", []);
        model.Fit(ClassicData.Implicit());
        return model;
    }

    /// <summary>Saves another version into the served folder.</summary>
    public void Save(IPersistentRecommender model) => RecommenderFile.Save(Folder, model);

    /// <summary>Flips one byte of a parameter file of <paramref name="version"/>: complete, but its checksum fails.</summary>
    public void Corrupt(int version)
    {
        var file = Directory.GetFiles(ModelDirectory.VersionPath(Folder, version), "param.*").OrderBy(f => f, StringComparer.Ordinal).First();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(file, bytes);
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A problem-details answer: checks the status and the content type and returns the body.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
