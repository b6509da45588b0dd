using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Reco.Models;
using Reco.Server.Hosting;
using Reco.Server.Telemetry;
using Reco.Serving;

namespace Reco.Server.Api;

/// <summary>The <c>/v1</c> API: recommendations, similar items, histories, users and the model, all through <see cref="RecommendationService"/>.</summary>
internal static class RecommendationEndpoints
{
    public static void Map(IEndpointRouteBuilder app, RecoServerOptions options)
    {
        // Every route answers 503 until a model version loads; the others' problem answers are listed per route.
        var v1 = app.MapGroup("/v1").WithTags("Recommendations").ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapGet("/users/{id}/recommendations", Recommend)
            .WithName("GetRecommendations")
            .WithSummary("Top-k items for a user")
            .WithDescription(
                $"The best k items (1 to {options.MaxK}) for a user the model was trained on, with ids, labels and scores. " +
                "A user the model does not know gets the most popular items, with fallback true and the reason. " +
                "exclude and candidates are comma-separated item ids (at most " + options.MaxListedItems + " each); diversity from 0 to 1 re-ranks by " +
                "maximal marginal relevance over the model's item vectors; explain adds the user's items that led to each one. " +
                "A model without item vectors answers without re-ranking, and one that cannot explain without explanations; the answer's notes say so. " +
                "An id holding '/' or '%' is sent percent-encoded (encodeURIComponent); the ids '.' and '..' cannot be addressed in a path (URL normalisation removes them): use POST /v1/recommendations or the other endpoints' bodies. " +
                "An item id holding a comma cannot be listed in exclude or candidates (repeated parameters are joined, then split at commas): use POST /v1/recommendations.");
        v1.MapPost("/recommendations", RecommendForHistory)
            .WithName("PostRecommendations")
            .WithSummary("Top-k items for a new user's history")
            .WithDescription(
                "For someone the model was not trained on: the body lists the ids of the items they interacted with " +
                "({\"items\": [\"50\", \"172\"], \"k\": 10, \"exclude\": [], \"candidates\": [], \"diversity\": 0.3, \"explain\": true}; only items is required). " +
                $"Answered by fold-in, by the mean of the items' vectors, or by popularity (method says which). The body may be at most {options.MaxBodyBytes:N0} bytes " +
                $"and each list at most {options.MaxListedItems} ids; k is 1 to {options.MaxK}.")
            .Accepts<HistoryBody>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        v1.MapGet("/items/{id}/similar", Similar)
            .WithName("GetSimilarItems")
            .WithSummary("Items most like an item")
            .WithDescription($"The k items (1 to {options.MaxK}) the model finds most similar to the item (cosine of item vectors for factor and two-tower models). " +
                "A model that does not compute item similarities (popularity, for one) answers 501 with a problem-details body naming the models that do.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        v1.MapGet("/users/{id}/history", History)
            .WithName("GetHistory")
            .WithSummary("A user's training interactions")
            .WithDescription("The items the user interacted with in the training data, with their ratings (1 for implicit data); limit caps the list (default 100, at most 10,000).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/users", Users)
            .WithName("GetUsers")
            .WithSummary("Users the model knows")
            .WithDescription("A page of the ids of the users the model was trained on: offset (default 0) and limit (default 100, at most 10,000).");
        v1.MapGet("/model", Model)
            .WithName("GetModel")
            .WithSummary("The model being served")
            .WithDescription("The algorithm, version, index, sizes and capabilities of the model version now serving, and max_k, the largest k the server accepts.");
    }

    private static Results<Ok<RecommendationsResponse>, ValidationProblem, ProblemHttpResult> Recommend(
        [Description("The user id, as in the training data.")] string id,
        [FromQuery, Description("How many items (1 to the server's limit, default 100; default 10).")] string? k,
        [FromQuery(Name = "exclude_seen"), Description("Leave out the user's training items (true or false; default true).")] string? excludeSeen,
        [FromQuery, Description("0 (default) to 1: trade score for variety by maximal marginal relevance over item vectors.")] string? diversity,
        [FromQuery, Description("Comma-separated item ids never to return; the parameter may be repeated (the lists are joined).")] string[]? exclude,
        [FromQuery, Description("Comma-separated item ids: only these may be returned; the parameter may be repeated (the lists are joined).")] string[]? candidates,
        [FromQuery, Description("Add the user's items that led to each recommendation (true or false; default true).")] string? explain,
        HttpContext http,
        ModelHost host,
        IOptions<RecoServerOptions> settings,
        ServerMetrics metrics)
    {
        id = PathId.Decode(http, id);
        var options = settings.Value;
        var errors = new ParameterErrors();
        int count = errors.Whole("k", k, 10, 1, options.MaxK);
        var request = new RecommendationRequest
        {
            ExcludeSeen = errors.Flag("exclude_seen", excludeSeen, true),
            Diversity = errors.Fraction("diversity", diversity),
            Exclude = errors.List("exclude", Joined(exclude), options.MaxListedItems),
            Candidates = errors.List("candidates", Joined(candidates), options.MaxListedItems),
            Explain = errors.Flag("explain", explain, true),
        };
        if (errors.Errors is not null)
        {
            return Problems.Invalid(errors);
        }

        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var served = lease.Model;
            (request, var notes) = Degrade(served, request, explainAsked: explain is not null);
            var answer = served.Service.Recommend(id, count, request);
            metrics.Answered(answer.Method);
            return TypedResults.Ok(Response(answer, served, id, notes));
        }
    }

    private static async Task<Results<Ok<RecommendationsResponse>, ValidationProblem, ProblemHttpResult>> RecommendForHistory(
        HttpRequest http,
        ModelHost host,
        IOptions<RecoServerOptions> settings,
        ServerMetrics metrics,
        CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var (body, problem) = await RequestBody.ReadAsync(http, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new ParameterErrors();
        var parsed = HistoryRequest.Parse(body, options, errors);
        if (parsed is null)
        {
            return Problems.Invalid(errors);
        }

        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var served = lease.Model;
            var (request, notes) = Degrade(served, parsed.Request, parsed.ExplainGiven);
            var answer = served.Service.RecommendForHistory(parsed.Items, parsed.K, request);

            // A model that explains only the users it was trained on (item-KNN) has no account of a new user's list.
            if (request.Explain && parsed.ExplainGiven && answer.Explanations == ExplanationSource.None && answer.Items.Count > 0 && answer.Fallback is null)
            {
                (notes ??= []).Add($"explanations not given: the {served.ModelName} model explains only the users it was trained on, and has no item vectors to compare a new user's items with");
            }

            metrics.Answered(answer.Method);
            return TypedResults.Ok(Response(answer, served, null, notes));
        }
    }

    private static Results<Ok<SimilarItemsResponse>, ValidationProblem, ProblemHttpResult> Similar(
        [Description("The item id, as in the training data.")] string id,
        [FromQuery, Description("How many items (default 10).")] string? k,
        HttpContext http,
        ModelHost host,
        IOptions<RecoServerOptions> settings)
    {
        id = PathId.Decode(http, id);
        var errors = new ParameterErrors();
        int count = errors.Whole("k", k, 10, 1, settings.Value.MaxK);
        if (errors.Errors is not null)
        {
            return Problems.Invalid(errors);
        }

        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var served = lease.Model;
            var service = served.Service;
            int item = service.ItemIndex(id);
            if (item < 0)
            {
                return Problems.NotFound("Unknown item", $"Item '{ParameterErrors.Shorten(id)}' is not among the {service.TrainingData.ItemCount:N0} items of the model.");
            }

            if (service.Model is not ISimilarItems)
            {
                return Problems.NotImplemented("Similar items not available", $"The {served.ModelName} model (version {served.Version}) does not compute item similarities; item-knn, ease, als, bpr, biased-mf, svdpp, content and two-tower models do.");
            }

            var items = service.Similar(id, count);
            return TypedResults.Ok(new SimilarItemsResponse(new ItemReference(id, service.TrainingData.Items.LabelOf(item)), served.ModelName, served.Version, items));
        }
    }

    private static Results<Ok<HistoryResponse>, ValidationProblem, ProblemHttpResult> History(
        [Description("The user id.")] string id,
        [FromQuery, Description("At most this many items (default 100).")] string? limit,
        HttpContext http,
        ModelHost host)
    {
        id = PathId.Decode(http, id);
        var errors = new ParameterErrors();
        int most = errors.Whole("limit", limit, 100, 0, 10_000);
        if (errors.Errors is not null)
        {
            return Problems.Invalid(errors);
        }

        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var service = lease.Model.Service;
            if (service.TrainingData.Users.IndexOf(id) < 0)
            {
                return Problems.NotFound("Unknown user", $"User '{ParameterErrors.Shorten(id)}' is not among the users of the model.");
            }

            var history = service.History(id);
            return TypedResults.Ok(new HistoryResponse(id, service.KnownUser(id) >= 0, history.Count, history.Count <= most ? history : [.. history.Take(most)]));
        }
    }

    private static Results<Ok<UsersResponse>, ValidationProblem, ProblemHttpResult> Users(
        [FromQuery, Description("Position of the first user (default 0).")] string? offset,
        [FromQuery, Description("At most this many users (default 100).")] string? limit,
        ModelHost host)
    {
        var errors = new ParameterErrors();
        int first = errors.Whole("offset", offset, 0, 0, int.MaxValue);
        int most = errors.Whole("limit", limit, 100, 0, 10_000);
        if (errors.Errors is not null)
        {
            return Problems.Invalid(errors);
        }

        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var users = lease.Model.Service.TrainingData.Users;
            int end = (int)Math.Min(users.Count, (long)first + most);
            var page = new List<string>(Math.Max(0, end - first));
            for (int u = first; u < end; u++)
            {
                page.Add(users[u]);
            }

            return TypedResults.Ok(new UsersResponse(users.Count, first, page));
        }
    }

    private static Results<Ok<ModelResponse>, ProblemHttpResult> Model(ModelHost host, IOptions<RecoServerOptions> settings)
    {
        var options = settings.Value;
        if (host.Acquire() is not { } lease)
        {
            return Problems.NoModel();
        }

        using (lease)
        {
            var served = lease.Model;
            var service = served.Service;
            var data = service.TrainingData;
            return TypedResults.Ok(new ModelResponse(
                served.ModelName, served.Version, served.IndexName, service.IndexDescription, data.UserCount, data.ItemCount, data.Count, service.Provenance?.DataSet, served.LoadedAt, served.Capabilities, options.MaxK));
        }
    }

    /// <summary>The repeated values of a list parameter joined into one comma-separated list, or null when absent.</summary>
    private static string? Joined(string[]? values) => values is null or [] ? null : string.Join(',', values);

    /// <summary>
    /// Turns off what the model served cannot do (diversity without item vectors, explanations without a
    /// way to explain), so that a client written against one model version keeps working after a swap;
    /// the notes say what was left out.
    /// </summary>
    private static (RecommendationRequest Request, List<string>? Notes) Degrade(ServedModel served, RecommendationRequest request, bool explainAsked)
    {
        List<string>? notes = null;
        if (request.Diversity > 0 && served.Service.Model is not IVectorModel)
        {
            request = request with { Diversity = 0 };
            (notes ??= []).Add($"diversity not applied: the {served.ModelName} model has no item vectors to measure variety with");
        }

        // Explanations come from the model itself or from item vectors; without either there are none.
        if (request.Explain && explainAsked && served.Service.Model is not (IExplainable or IVectorModel))
        {
            request = request with { Explain = false };
            (notes ??= []).Add($"explanations not given: the {served.ModelName} model cannot explain its recommendations");
        }

        return (request, notes);
    }

    private static RecommendationsResponse Response(Recommendation answer, ServedModel served, string? user, IReadOnlyList<string>? notes) => new(
        user,
        served.ModelName,
        served.Version,
        served.IndexName,
        answer.Fallback is not null,
        answer.Fallback,
        ServerMetrics.MethodName(answer.Method),
        answer.Explanations switch
        {
            ExplanationSource.Model => "model",
            ExplanationSource.ItemSimilarity => "item-similarity",
            _ => null,
        },
        answer.Items,
        answer.IgnoredItems.Count > 0 ? answer.IgnoredItems : null)
    {
        Notes = notes,
    };

    /// <summary>The shape of <c>POST /v1/recommendations</c>'s body, for the OpenAPI document.</summary>
    internal sealed record HistoryBody(
        [property: Description("Ids of the items the user interacted with (required).")] IReadOnlyList<string> Items,
        [property: Description("How many items to recommend (default 10).")] int? K,
        [property: Description("Item ids never to return.")] IReadOnlyList<string>? Exclude,
        [property: Description("When given, only these item ids may be returned.")] IReadOnlyList<string>? Candidates,
        [property: Description("0 (default) to 1: trade score for variety.")] double? Diversity,
        [property: Description("Add the history items that led to each recommendation (default true).")] bool? Explain);
}
