using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Reco.Serving;

namespace Reco.Server.Api;

/// <summary>Compile-time JSON for every body the server writes (snake_case, nulls left out): no reflection on the request path.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecommendationsResponse))]
[JsonSerializable(typeof(RecommendedItem))]
[JsonSerializable(typeof(SimilarItemsResponse))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(UsersResponse))]
[JsonSerializable(typeof(ModelResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ReloadResponse))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
