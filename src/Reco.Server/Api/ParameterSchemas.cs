using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reco.Server.Api;

/// <summary>
/// The query parameters are bound as text and parsed by <see cref="ParameterErrors"/> (so that a mistake is a
/// plain-language 400 answer, not a binding failure); this transformer gives the OpenAPI document their real
/// types and ranges.
/// </summary>
internal sealed class ParameterSchemas(RecoServerOptions options) : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is not OpenApiParameter { In: ParameterLocation.Query } query)
            {
                continue;
            }

            query.Schema = query.Name switch
            {
                "k" => Whole(1, options.MaxK, 10),
                "limit" => Whole(0, 10_000, 100),
                "offset" => Whole(0, int.MaxValue, 0),
                "diversity" => new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = "0", Maximum = "1", Default = 0 },
                "exclude_seen" or "explain" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = true },
                _ => query.Schema,
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchema Whole(int min, int max, int fallback) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = min.ToString(CultureInfo.InvariantCulture),
        Maximum = max.ToString(CultureInfo.InvariantCulture),
        Default = fallback,
    };
}
