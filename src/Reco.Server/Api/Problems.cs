using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reco.Server.Api;

/// <summary>The problem-details answers of the API (RFC 9457), each in plain language.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(ParameterErrors errors) =>
        TypedResults.ValidationProblem(errors.Errors!, detail: errors.Summary, title: "Invalid request parameters");

    public static ProblemHttpResult NoModel() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No model loaded",
            detail: "No model version is loaded yet; the server answers as soon as a complete version of its model folder loads and verifies.");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static ProblemHttpResult NotImplemented(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status501NotImplemented, title: title, detail: detail);

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: $"The request body is larger than the limit of {limit:N0} bytes.");
}
