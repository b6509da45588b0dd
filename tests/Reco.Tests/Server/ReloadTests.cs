using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reco.Server.Security;

namespace Reco.Tests.Server;

[Collection(ServerCollection.Name)]
public class ReloadTests
{
    private const string Key = "reload-key";

    [Fact]
    public async Task AForcedReloadSwitchesToTheNewVersionAndResponsesCarryIt()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        var before = await server.GetJsonAsync("/v1/users/u2/recommendations?k=5");
        Assert.Equal(1, before.GetProperty("version").GetInt32());

        server.Save(ServerTestHost.Als(seed: 2));
        var outcome = await Reload(server);
        Assert.Equal(2, outcome.GetProperty("version").GetInt32());
        Assert.True(outcome.GetProperty("changed").GetBoolean());

        var after = await server.GetJsonAsync("/v1/users/u2/recommendations?k=5");
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.NotEqual(Scores(before), Scores(after));
        Assert.Equal(2, (await server.GetJsonAsync("/health")).GetProperty("version").GetInt32());

        // Nothing new: nothing changes.
        var again = await Reload(server);
        Assert.False(again.GetProperty("changed").GetBoolean());
        Assert.Equal(2, again.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ACorruptNewVersionIsRejectedAndTheOldOneKeepsServing()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Als(seed: 2));
        server.Corrupt(2);
        var outcome = await Reload(server);
        Assert.Equal(1, outcome.GetProperty("version").GetInt32());
        Assert.False(outcome.GetProperty("changed").GetBoolean());
        Assert.Equal(2, outcome.GetProperty("rejected").GetInt32());
        Assert.Contains("SHA-256", outcome.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);

        var body = await server.GetJsonAsync("/v1/users/u2/recommendations");
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        // At least once: the watcher may have seen (and rejected) the corrupt version before the forced reload did.
        Assert.Matches("reco_model_loads_total\\{[^}]*outcome=\"rejected\"[^}]*\\} [1-9]", await server.Client.GetStringAsync("/metrics"));

        // A periodic check does not retry the unchanged bad version; a good newer one is taken.
        Assert.Null((await server.Models.CheckAsync(forced: false)).Rejected);
        server.Save(ServerTestHost.Als(seed: 3));
        Assert.Equal(3, (await server.Models.CheckAsync(forced: false)).Version);
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("missing file")]
    public async Task ADamagedNewVersionIsRejectedByNameNotPassedOverInSilence(string damage)
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Als(seed: 2));
        var folder = Reco.Serialization.ModelDirectory.VersionPath(server.Folder, 2);
        if (damage == "manifest")
        {
            File.WriteAllText(Path.Combine(folder, "manifest.json"), "{\"format\": \"reco");
        }
        else
        {
            File.Delete(Directory.GetFiles(folder, "param.*").Order(StringComparer.Ordinal).First());
        }

        // Not a complete version, but reported: the reload names it and says why, and version 1 keeps serving.
        Assert.Equal([2], Reco.Serialization.ModelDirectory.ListDamagedVersions(server.Folder));
        var outcome = await Reload(server);
        Assert.Equal(1, outcome.GetProperty("version").GetInt32());
        Assert.Equal(2, outcome.GetProperty("rejected").GetInt32());
        Assert.Contains(damage == "manifest" ? "manifest" : "missing", outcome.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await server.GetJsonAsync("/v1/users/u2/recommendations")).GetProperty("version").GetInt32());

        // A numbered folder of someone else's, without a manifest, is still not a version.
        Directory.CreateDirectory(Path.Combine(server.Folder, "9"));
        Assert.Equal([2], Reco.Serialization.ModelDirectory.ListDamagedVersions(server.Folder));
    }

    [Fact]
    public async Task AGoodVersionBehindABadNewestOneIsServedAndAServerStartsOnTheNewestThatLoads()
    {
        await using (var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key))
        {
            server.Save(ServerTestHost.Als(seed: 2));
            server.Save(ServerTestHost.Als(seed: 3));
            server.Corrupt(3);
            // (The watcher may have switched to version 2 before the reload, so whether this reload changed it is not asked.)
            var outcome = await Reload(server);
            Assert.Equal(2, outcome.GetProperty("version").GetInt32());
            Assert.Equal(3, outcome.GetProperty("rejected").GetInt32());
        }

        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Als(seed: 1));
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Als(seed: 2));
        var bad = Reco.Serialization.ModelDirectory.VersionPath(folder, 2);
        var file = Directory.GetFiles(bad, "param.*").Order(StringComparer.Ordinal).First();
        File.WriteAllBytes(file, [.. File.ReadAllBytes(file).Select(b => (byte)(b ^ 1))]);
        await using var restarted = await ServerTestHost.StartOnAsync(folder);
        Assert.Equal(1, (await restarted.GetJsonAsync("/health")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AModelFolderInTheEarlierFlatLayoutIsServedAsVersionZero()
    {
        var saved = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(saved, ServerTestHost.Als());
        var flat = Path.Combine(TestData.TempDirectory(), "flat");
        Directory.CreateDirectory(flat);
        foreach (var file in Directory.GetFiles(Reco.Serialization.ModelDirectory.VersionPath(saved, 1)))
        {
            File.Copy(file, Path.Combine(flat, Path.GetFileName(file)));
        }

        await using var server = await ServerTestHost.StartOnAsync(flat);
        var body = await server.GetJsonAsync("/v1/users/u1/recommendations?k=2");
        Assert.Equal(0, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task AModelThatFailsVerificationIsRejected()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Als(seed: 2));

        // Rewrite version 2's item factors as NaN with a matching manifest, so that only verification can catch it.
        var folder = Reco.Serialization.ModelDirectory.VersionPath(server.Folder, 2);
        var files = Reco.Serialization.ModelDirectory.Read(server.Folder, Reco.Serialization.RecommenderFile.Kind, 2).ToDictionary(f => f.Key, f => f.Value);
        var itemFactors = files.Keys.Single(k => k.StartsWith("param.", StringComparison.Ordinal) && k.Contains("item", StringComparison.Ordinal));
        files[itemFactors] = Enumerable.Repeat(BitConverter.GetBytes(float.NaN), files[itemFactors].Length / 4).SelectMany(b => b).ToArray();
        var staging = Path.Combine(TestData.TempDirectory(), "bad");
        Reco.Serialization.ModelDirectory.Write(staging, Reco.Serialization.RecommenderFile.Kind, files);
        Directory.Delete(folder, recursive: true);
        Directory.Move(Reco.Serialization.ModelDirectory.VersionPath(staging, 1), folder);

        var outcome = await Reload(server);
        Assert.Equal(1, outcome.GetProperty("version").GetInt32());
        Assert.Equal(2, outcome.GetProperty("rejected").GetInt32());
        Assert.Contains("not a finite number", outcome.GetProperty("reason").GetString());
        Assert.DoesNotContain("(Parameter", outcome.GetProperty("reason").GetString());
        Assert.Contains(server.Log.Lines, l => l.Contains("Rejected version 2", StringComparison.Ordinal) && l.Contains("not a finite number", StringComparison.Ordinal) && !l.Contains("(Parameter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVersionWithItsSavedIndexIsServedWithItAndOneWhoseIndexIsAnotherModelsIsRejected()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Als(seed: 1), null, "ivf");
        await using var server = await ServerTestHost.StartOnAsync(folder, o => { o.ApiKey = Key; o.Index = "auto"; });
        var model = await server.GetJsonAsync("/v1/model");
        Assert.Equal("ivf", model.GetProperty("index").GetString());
        Assert.StartsWith("loaded the saved ivf index", model.GetProperty("index_reason").GetString(), StringComparison.Ordinal);
        var before = await server.GetJsonAsync("/v1/users/u2/recommendations?k=5");

        // Version 2's index files come from another model, with a manifest that matches them; it is made
        // elsewhere and renamed in, so that the watcher never sees it with its own index.
        var staging = Path.Combine(TestData.TempDirectory(), "staging");
        Reco.Serialization.RecommenderFile.Save(staging, ServerTestHost.Als(seed: 2), null, "ivf");
        var other = Path.Combine(TestData.TempDirectory(), "other");
        Reco.Serialization.RecommenderFile.Save(other, ServerTestHost.Als(seed: 3), null, "ivf");
        Reco.Tests.Serialization.SavedIndexTests.SwapIndex(Reco.Serialization.ModelDirectory.VersionPath(other, 1), staging, 1);
        Directory.Move(Reco.Serialization.ModelDirectory.VersionPath(staging, 1), Reco.Serialization.ModelDirectory.VersionPath(folder, 2));

        var outcome = await Reload(server);
        Assert.Equal(1, outcome.GetProperty("version").GetInt32());
        Assert.False(outcome.GetProperty("changed").GetBoolean());
        Assert.Equal(2, outcome.GetProperty("rejected").GetInt32());
        Assert.Contains("does not belong to this model", outcome.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var after = await server.GetJsonAsync("/v1/users/u2/recommendations?k=5");
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal(Scores(before), Scores(after));

        // A version saved without an index is served with one built at load.
        Reco.Serialization.RecommenderFile.Save(folder, ServerTestHost.Als(seed: 4));
        Assert.Equal(3, (await Reload(server)).GetProperty("version").GetInt32());
        Assert.StartsWith("built the", (await server.GetJsonAsync("/v1/model")).GetProperty("index_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, (await server.GetJsonAsync("/v1/users/u2/recommendations?k=5")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task ConcurrentRequestsDuringSwapsAllSucceedAndSeeBothVersions()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        var versions = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 6).Select(c => Task.Run(async () =>
        {
            int n = 0;
            while (!stop.IsCancellationRequested)
            {
                string url = (n++ % 3) switch
                {
                    0 => $"/v1/users/u{(c + n) % 40}/recommendations?k=5&diversity=0.3",
                    1 => "/v1/items/i3/similar?k=3",
                    _ => "/v1/users/stranger/recommendations",
                };
                using var response = await server.Client.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{url}: {(int)response.StatusCode}");
                    continue;
                }

                if (url.Contains("recommendations", StringComparison.Ordinal))
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    versions.AddOrUpdate(body.GetProperty("version").GetInt32(), 1, (_, v) => v + 1);
                }
            }
        })).ToArray();

        for (int seed = 2; seed <= 5; seed++)
        {
            await Task.Delay(150);
            server.Save(ServerTestHost.Als(seed));
            Assert.Equal(seed, (await Reload(server)).GetProperty("version").GetInt32());
        }

        await Task.Delay(150);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.Empty(failures);
        Assert.Contains(1, versions.Keys);
        Assert.Contains(5, versions.Keys);
    }

    [Fact]
    public async Task TheWatcherNoticesANewVersionWithoutAReload()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.PollInterval = TimeSpan.FromSeconds(1));
        server.Save(ServerTestHost.Als(seed: 2));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int version = 1;
        while (version != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            version = (await server.GetJsonAsync("/health")).GetProperty("version").GetInt32();
        }

        Assert.Equal(2, version);
    }

    [Fact]
    public async Task AVersionDeletedAndSavedAnewUnderTheSameNumberIsLoaded()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Als(seed: 2));
        Assert.Equal(2, (await Reload(server)).GetProperty("version").GetInt32());
        var before = await server.GetJsonAsync("/v1/users/u2/recommendations?k=5");

        // Version 2 deleted: the server says so once and keeps serving it from memory, not going back to version 1.
        Directory.Delete(Reco.Serialization.ModelDirectory.VersionPath(server.Folder, 2), recursive: true);
        Assert.False((await server.Models.CheckAsync(forced: false)).Changed);
        Assert.False((await server.Models.CheckAsync(forced: false)).Changed);
        Assert.Single(server.Log.Lines, l => l.Contains("Version 2 of", StringComparison.Ordinal) && l.Contains("was deleted from disk; it keeps serving from memory", StringComparison.Ordinal));
        Assert.Equal(Scores(before), Scores(await server.GetJsonAsync("/v1/users/u2/recommendations?k=5")));

        // Saved anew: a new version 2, which is loaded like any new version.
        server.Save(ServerTestHost.Als(seed: 3));
        Assert.Equal(2, Reco.Serialization.ModelDirectory.CurrentVersion(server.Folder));
        // (The watcher may have switched already; either way version 2 is now the new model.)
        Assert.Equal(2, (await Reload(server)).GetProperty("version").GetInt32());
        Assert.Equal(Expected(3), Scores(await server.GetJsonAsync("/v1/users/u2/recommendations?k=5&explain=false")));

        // Saved anew once more over the same number without a deletion being seen: still noticed.
        Directory.Delete(Reco.Serialization.ModelDirectory.VersionPath(server.Folder, 2), recursive: true);
        server.Save(ServerTestHost.Als(seed: 4));
        Assert.Equal(2, (await server.Models.CheckAsync(forced: false)).Version);
        Assert.Equal(Expected(4), Scores(await server.GetJsonAsync("/v1/users/u2/recommendations?k=5&explain=false")));
    }

    private static float[] Expected(int seed)
    {
        using var service = new Reco.Serving.RecommendationService(ServerTestHost.Als(seed), options: new Reco.Serving.ServingOptions { Index = "exact" });
        return [.. service.Recommend("u2", 5).Items.Select(i => i.Score)];
    }

    [Fact]
    public async Task AWholeModelFolderDeletedAndSavedAnewIsLoaded()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Als(seed: 2));
        Assert.Equal(2, (await Reload(server)).GetProperty("version").GetInt32());

        Directory.Delete(server.Folder, recursive: true);
        var gone = await server.Models.CheckAsync(forced: false);
        Assert.Equal(2, gone.Version);
        Assert.False(gone.Changed);
        Assert.Contains(server.Log.Lines, l => l.Contains("Version 2 of", StringComparison.Ordinal) && l.Contains("was deleted from disk", StringComparison.Ordinal));

        // The fresh save is version 1 again, and new: the server switches to it by itself.
        server.Save(ServerTestHost.Als(seed: 5));
        Assert.Equal(1, (await server.Models.CheckAsync(forced: false)).Version);
        Assert.Equal(1, (await server.GetJsonAsync("/health")).GetProperty("version").GetInt32());
        Assert.Equal(Expected(5), Scores(await server.GetJsonAsync("/v1/users/u2/recommendations?k=5&explain=false")));
    }

    [Fact]
    public async Task TheWatcherFollowsAModelFolderDeletedAndSavedAnew()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1));
        Directory.Delete(server.Folder, recursive: true);
        await Eventually(() => Task.FromResult(server.Log.Lines.Any(l => l.Contains("was deleted from disk", StringComparison.Ordinal))), "the deletion to be logged");

        // Past the checks that the deletion's own events started.
        await Task.Delay(1000);
        server.Save(ServerTestHost.Als(seed: 6));
        await Eventually(async () => Scores(await server.GetJsonAsync("/v1/users/u2/recommendations?k=5&explain=false")).SequenceEqual(Expected(6)), "the new version 1 to be served");
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited 20 s for {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ASwapToAModelThatCanDoLessIsLoggedAndRequestsKeepWorking()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als(seed: 1), o => o.ApiKey = Key);
        server.Save(ServerTestHost.Knn());
        Assert.Equal(2, (await Reload(server)).GetProperty("version").GetInt32());
        var lost = Assert.Single(server.Log.Lines, l => l.Contains("cannot do what version 1 (als) did", StringComparison.Ordinal));
        Assert.StartsWith("Warning", lost);
        Assert.EndsWith("Version 2 (item-knn) cannot do what version 1 (als) did; lost: item vectors (diversity is left out of answers)", lost);

        // Diversity is left out, and said so, rather than failing a request that worked a moment ago.
        var body = await server.GetJsonAsync("/v1/users/u1/recommendations?k=3&diversity=0.4");
        Assert.Equal(3, body.GetProperty("items").GetArrayLength());
        Assert.Equal(["diversity not applied: the item-knn model has no item vectors to measure variety with"], body.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        using var posted = await server.Client.PostAsJsonAsync("/v1/recommendations", new { items = new[] { "i0", "i2" }, k = 3, diversity = 0.4 });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Single((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("notes").EnumerateArray());

        server.Save(ServerTestHost.Popularity());
        Assert.Equal(3, (await Reload(server)).GetProperty("version").GetInt32());
        lost = Assert.Single(server.Log.Lines, l => l.Contains("Version 3 (popularity) cannot do", StringComparison.Ordinal));
        Assert.Contains("lost: item similarities (/v1/items/{id}/similar answers 501), explanations (left out of answers)", lost);

        var plain = await server.GetJsonAsync("/v1/users/u1/recommendations?k=3&diversity=0.4&explain=true");
        Assert.Equal(3, plain.GetProperty("items").GetArrayLength());
        Assert.Equal(2, plain.GetProperty("notes").GetArrayLength());
        Assert.Contains("explanations not given", plain.GetProperty("notes")[1].GetString());
        Assert.False((await server.GetJsonAsync("/v1/users/u1/recommendations?k=3")).TryGetProperty("notes", out _));
        using var similar = await server.Client.GetAsync("/v1/items/i3/similar");
        Assert.Contains("does not compute item similarities", (await ServerTestHost.ProblemAsync(similar, 501)).GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> Reload(ServerTestHost server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/reload") { Headers = { { ApiKey.Header, Key } } };
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static float[] Scores(JsonElement body) => [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetSingle())];
}
