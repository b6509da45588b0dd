using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Reco.Serving;
using Reco.Tests.Models;

namespace Reco.Tests.Server;

[Collection(ServerCollection.Name)]
public class RecommendationApiTests
{
    [Fact]
    public async Task AKnownUserGetsTheServicesItemsWithLabelsScoresExplanationsAndTheVersion()
    {
        var model = ServerTestHost.Als();
        await using var server = await ServerTestHost.StartAsync(model);
        var body = await server.GetJsonAsync("/v1/users/u3/recommendations?k=5");

        Assert.Equal("u3", body.GetProperty("user").GetString());
        Assert.Equal("als", body.GetProperty("model").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("exact", body.GetProperty("index").GetString());
        Assert.False(body.GetProperty("fallback").GetBoolean());
        Assert.False(body.TryGetProperty("fallback_reason", out _));
        Assert.Equal("model", body.GetProperty("method").GetString());
        Assert.Equal("item-similarity", body.GetProperty("explanations").GetString());

        // The same answer as the library's service over the same model.
        using var service = new RecommendationService(model, options: new ServingOptions { Index = "exact" });
        var expected = service.Recommend("u3", 5, new RecommendationRequest { Explain = true });
        var items = body.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(expected.Items.Select(i => i.Id), items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(expected.Items.Select(i => i.Label), items.Select(i => i.GetProperty("label").GetString()));
        Assert.Equal(expected.Items.Select(i => i.Score), items.Select(i => i.GetProperty("score").GetSingle()));
        Assert.Equal(expected.Items[0].Because!.Select(b => b.Id), items[0].GetProperty("because").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        var seen = model.TrainingData!.ByUser().ItemsOf(model.TrainingData.Users.IndexOf("u3")).ToArray().Select(i => model.TrainingData.Items[i]);
        Assert.Empty(items.Select(i => i.GetProperty("id").GetString()).Intersect(seen));

        // Without explanations, with seen items, excluded ids and a candidate list.
        var plain = await server.GetJsonAsync("/v1/users/u3/recommendations?k=3&explain=false&exclude_seen=false");
        Assert.False(plain.TryGetProperty("explanations", out _));
        Assert.All(plain.GetProperty("items").EnumerateArray(), i => Assert.False(i.TryGetProperty("because", out _)));
        var filtered = await server.GetJsonAsync($"/v1/users/u3/recommendations?k=5&exclude={expected.Items[0].Id}&candidates={expected.Items[0].Id},{expected.Items[2].Id},{expected.Items[4].Id},zzz");
        Assert.Equal(new[] { expected.Items[2].Id, expected.Items[4].Id }, filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AnUnknownUserGetsThePopularityFallbackWithTheFlagAndTheReason()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var body = await server.GetJsonAsync("/v1/users/stranger/recommendations?k=3");
        Assert.True(body.GetProperty("fallback").GetBoolean());
        Assert.Contains("not among the 40 users", body.GetProperty("fallback_reason").GetString());
        Assert.Equal("popularity", body.GetProperty("method").GetString());
        Assert.Equal(3, body.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("k=abc", "k", "k must be a whole number from 1 to 20; got 'abc'.")]
    [InlineData("k=0", "k", "k must be a whole number from 1 to 20; got '0'.")]
    [InlineData("k=21", "k", "k must be a whole number from 1 to 20; got '21'.")]
    [InlineData("k=1.5", "k", "k must be a whole number from 1 to 20; got '1.5'.")]
    [InlineData("diversity=1.5", "diversity", "diversity must be a number from 0 to 1; got '1.5'.")]
    [InlineData("diversity=lots", "diversity", "diversity must be a number from 0 to 1; got 'lots'.")]
    [InlineData("exclude_seen=maybe", "exclude_seen", "exclude_seen must be true or false; got 'maybe'.")]
    [InlineData("explain=2", "explain", "explain must be true or false; got '2'.")]
    public async Task InvalidParametersAre400WithAProblemNamingThem(string query, string parameter, string message)
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        using var response = await server.Client.GetAsync($"/v1/users/u1/recommendations?{query}");
        var problem = await ServerTestHost.ProblemAsync(response, 400);
        Assert.Equal(message, problem.GetProperty("detail").GetString());
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task TooManyListedItemsAre400AndDiversityWithoutVectorsIsLeftOutWithANote()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Knn());
        var many = string.Join(',', Enumerable.Range(0, 51).Select(i => $"i{i}"));
        using var tooMany = await server.Client.GetAsync($"/v1/users/u1/recommendations?exclude={many}");
        Assert.Equal("exclude lists 51 items; at most 50 are allowed.", (await ServerTestHost.ProblemAsync(tooMany, 400)).GetProperty("detail").GetString());

        var diversity = await server.GetJsonAsync("/v1/users/u1/recommendations?diversity=0.5&explain=false");
        Assert.StartsWith("diversity not applied: the item-knn model has no item vectors", diversity.GetProperty("notes")[0].GetString());
        Assert.Equal(
            (await server.GetJsonAsync("/v1/users/u1/recommendations?explain=false")).GetProperty("items").GetRawText(),
            diversity.GetProperty("items").GetRawText());

        // Item-KNN explains itself, and answers without an index.
        var body = await server.GetJsonAsync("/v1/users/u1/recommendations?k=2");
        Assert.Equal("model", body.GetProperty("explanations").GetString());
        Assert.Equal("none", body.GetProperty("index").GetString());

        // A new user's list it cannot explain: said in a note, not left out in silence.
        using var history = await server.Client.PostAsJsonAsync("/v1/recommendations", new { items = new[] { "i0", "i1" }, k = 2, explain = true });
        var answer = await history.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(history.IsSuccessStatusCode, answer.GetRawText());
        Assert.False(answer.TryGetProperty("explanations", out var given) && given.ValueKind == JsonValueKind.String);
        Assert.StartsWith("explanations not given: the item-knn model explains only the users it was trained on", answer.GetProperty("notes")[0].GetString());
    }

    [Fact]
    public async Task DiversityChangesTheAnswerAsTheServiceDoes()
    {
        var model = ServerTestHost.Als();
        await using var server = await ServerTestHost.StartAsync(model);
        using var service = new RecommendationService(model, options: new ServingOptions { Index = "exact" });
        var expected = service.Recommend("u4", 8, new RecommendationRequest { Diversity = 1 });
        var body = await server.GetJsonAsync("/v1/users/u4/recommendations?k=8&diversity=1");
        Assert.Equal(expected.Items.Select(i => i.Id), body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ANewUsersHistoryIsFoldedInAndBadBodiesAreProblems()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        using var response = await server.Client.PostAsJsonAsync("/v1/recommendations", new { items = new[] { "i0", "i2", "x9" }, k = 4, diversity = 0.2 });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, body.TryGetProperty("user", out var user) ? user.ValueKind : JsonValueKind.Null);
        Assert.Equal("fold-in", body.GetProperty("method").GetString());
        Assert.Equal(["x9"], body.GetProperty("ignored_items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(4, body.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() is "i0" or "i2");

        // Only unknown items: the popularity fallback, flagged.
        using var unknown = await server.Client.PostAsJsonAsync("/v1/recommendations", new { items = new[] { 12345 } });
        var fallback = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(fallback.GetProperty("fallback").GetBoolean());
        Assert.Equal(10, fallback.GetProperty("items").GetArrayLength());

        foreach (var (json, detail) in new[]
        {
            ("{\"items\": [\"i0\"", "The request body is not valid JSON (line 1, byte 16)."),
            ("[\"i0\"]", "The request body must be a JSON object such as {\"items\": [\"50\", \"172\"], \"k\": 10}."),
            ("{\"k\": 3}", "items is required: the ids of the items the user interacted with, such as [\"50\", \"172\"]."),
            ("{\"items\": \"i0\"}", "items must be a list of item ids, such as [\"50\", \"172\"]."),
            ("{\"items\": [\"i0\"], \"k\": 99}", "k must be a whole number from 1 to 20; got 99."),
            ("{\"items\": [\"i0\"], \"k\": \"3\"}", "k must be a whole number from 1 to 20; got \"3\"."),
            ("{\"items\": [\"i0\"], \"colour\": 1}", "'colour' is not a field of this request; the fields are items, k, exclude, candidates, diversity and explain."),
            ("{\"items\": [[1]]}", "items must hold item ids (strings or numbers); found [1]."),
        })
        {
            using var bad = await server.Client.PostAsync("/v1/recommendations", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.Equal(detail, (await ServerTestHost.ProblemAsync(bad, 400)).GetProperty("detail").GetString());
        }

        using var many = await server.Client.PostAsJsonAsync("/v1/recommendations", new { items = Enumerable.Range(0, 51).Select(i => $"i{i}").ToArray() });
        Assert.Equal("items lists 51 items; at most 50 are allowed.", (await ServerTestHost.ProblemAsync(many, 400)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task BodiesThatAreNotUnicodeAre400AndAByteOrderMarkIsSkipped()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        foreach (var (body, detail) in new (byte[], string)[]
        {
            ([.. "{\"items\":[\""u8, 0xFF, 0xFE, .. "\"],\"k\":1}"u8], "The request body is not valid UTF-8 text; send JSON encoded as UTF-8."),
            ([.. "{\""u8, 0xFF, .. "\":[\"i0\"]}"u8], "The request body is not valid UTF-8 text; send JSON encoded as UTF-8."),
            ([.. "{\"items\":[\"\\ud800\"],\"k\":1}"u8], "The request body holds a string that is not valid Unicode (a lone surrogate escape such as \\ud800)."),
            ([.. "{\"\\udc00\":[\"i0\"]}"u8], "The request body holds a string that is not valid Unicode (a lone surrogate escape such as \\ud800)."),
        })
        {
            using var content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } };
            using var response = await server.Client.PostAsync("/v1/recommendations", content);
            var problem = await ServerTestHost.ProblemAsync(response, 400);
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        }

        using var withBom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. "{\"items\":[\"i0\",\"i2\"],\"k\":3}"u8]) { Headers = { ContentType = new("application/json") } };
        using var answered = await server.Client.PostAsync("/v1/recommendations", withBom);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(3, (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task IdsWithSlashesAndPercentSignsAreDecodedExactlyOnce()
    {
        string[] users = ["org/7", "50%", "a%2Fb", "plain"];
        string[] items = ["a/b", "c%d", "e,f", "g"];
        var rows = new List<(string, string, float)>();
        for (int u = 0; u < users.Length; u++)
        {
            for (int i = 0; i < items.Length; i++)
            {
                if ((u + i) % 3 != 0)
                {
                    rows.Add((users[u], items[i], 1f));
                }
            }
        }

        var model = (Reco.Models.Persistence.IPersistentRecommender)Reco.Models.AlgorithmCatalog.Create("item-knn", []);
        model.Fit(ClassicData.Of([.. rows]));
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Reco.Serialization.RecommenderFile.Save(folder, model);

        // On Kestrel, which hands the request target over as the client sent it (the in-memory test server does not).
        using var stop = new CancellationTokenSource();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Reco.Server.RecoServer.RunAsync(new Reco.Server.RecoServerOptions { ModelDirectory = folder, Port = 0, Index = "exact" }, a => listening.TrySetResult(a), stop.Token);
        await await Task.WhenAny(listening.Task, running);
        using var client = new HttpClient { BaseAddress = new Uri(await listening.Task) };
        try
        {
            foreach (var user in users)
            {
                var body = await client.GetFromJsonAsync<JsonElement>($"/v1/users/{Uri.EscapeDataString(user)}/recommendations?k=2&exclude_seen=false");
                Assert.Equal(user, body.GetProperty("user").GetString());
                Assert.False(body.GetProperty("fallback").GetBoolean(), body.GetRawText());
                var history = await client.GetFromJsonAsync<JsonElement>($"/v1/users/{Uri.EscapeDataString(user)}/history");
                Assert.Equal(user, history.GetProperty("user").GetString());
            }

            foreach (var item in items)
            {
                var similar = await client.GetFromJsonAsync<JsonElement>($"/v1/items/{Uri.EscapeDataString(item)}/similar?k=2");
                Assert.Equal(item, similar.GetProperty("item").GetProperty("id").GetString());
            }

            // Lists: a repeated parameter adds to the list; commas split it (ids with commas go in POST bodies).
            var all = await client.GetFromJsonAsync<JsonElement>("/v1/users/plain/recommendations?k=4&exclude_seen=false&explain=false");
            Assert.Equal(4, all.GetProperty("items").GetArrayLength());
            var some = await client.GetFromJsonAsync<JsonElement>($"/v1/users/plain/recommendations?k=4&exclude_seen=false&explain=false&exclude={Uri.EscapeDataString("a/b")}&exclude=g");
            Assert.Equal(["c%d", "e,f"], some.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
            var candidates = await client.GetFromJsonAsync<JsonElement>("/v1/users/plain/recommendations?k=4&exclude_seen=false&candidates=g&candidates=c%25d,zzz");
            Assert.Equal(["c%d", "g"], candidates.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    [Fact]
    public async Task AnOversizedBodyIs413WithAProblem()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var big = "{\"items\": [" + string.Join(',', Enumerable.Repeat("\"i1\"", 2000)) + "]}";
        using var response = await server.Client.PostAsync("/v1/recommendations", new StringContent(big, Encoding.UTF8, "application/json"));
        var problem = await ServerTestHost.ProblemAsync(response, 413);
        Assert.Equal("The request body is larger than the limit of 4,096 bytes.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SimilarItemsAndTheirErrors()
    {
        var model = ServerTestHost.Als();
        await using var server = await ServerTestHost.StartAsync(model);
        var body = await server.GetJsonAsync("/v1/items/i4/similar?k=3");
        Assert.Equal("i4", body.GetProperty("item").GetProperty("id").GetString());
        var expected = ((Reco.Models.ISimilarItems)model).SimilarItems(model.TrainingData!.Items.IndexOf("i4"), 3).Select(s => model.TrainingData.Items[s.Item]);
        Assert.Equal(expected, body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        using var unknown = await server.Client.GetAsync("/v1/items/nothing/similar");
        Assert.Equal("Item 'nothing' is not among the 30 items of the model.", (await ServerTestHost.ProblemAsync(unknown, 404)).GetProperty("detail").GetString());
        using var badK = await server.Client.GetAsync("/v1/items/i4/similar?k=-1");
        await ServerTestHost.ProblemAsync(badK, 400);
    }

    [Fact]
    public async Task HistoryUsersAndModelDescribeWhatIsServed()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        var history = await server.GetJsonAsync("/v1/users/u0/history?limit=3");
        Assert.True(history.GetProperty("known").GetBoolean());
        Assert.Equal(ClassicData.Implicit().ByUser().ItemsOf(0).Length, history.GetProperty("total").GetInt32());
        Assert.Equal(3, history.GetProperty("items").GetArrayLength());
        using var unknown = await server.Client.GetAsync("/v1/users/nobody/history");
        await ServerTestHost.ProblemAsync(unknown, 404);

        var users = await server.GetJsonAsync("/v1/users?offset=38&limit=5");
        Assert.Equal(40, users.GetProperty("total").GetInt32());
        Assert.Equal(["u38", "u39"], users.GetProperty("users").EnumerateArray().Select(u => u.GetString()));

        var model = await server.GetJsonAsync("/v1/model");
        Assert.Equal("als", model.GetProperty("model").GetString());
        Assert.Equal(30, model.GetProperty("items").GetInt32());
        Assert.Equal(["vectors", "similar", "fold-in"], model.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(20, model.GetProperty("max_k").GetInt32());
        Assert.StartsWith("built the exact index", model.GetProperty("index_reason").GetString());
    }

    [Fact]
    public async Task UnknownRoutesAreProblemsToo()
    {
        await using var server = await ServerTestHost.StartAsync(ServerTestHost.Als());
        using var missing = await server.Client.GetAsync("/v1/nothing-here");
        await ServerTestHost.ProblemAsync(missing, 404);
        using var method = await server.Client.DeleteAsync("/v1/users/u1/recommendations");
        await ServerTestHost.ProblemAsync(method, 405);
    }
}
