using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reco.Server.Api;

/// <summary>Reads a request body up to a limit, whatever the server underneath enforces.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body's bytes, or the problem to answer instead: too large, malformed at the HTTP level (a bad chunk),
    /// or cut short by the client. None of these is the server's failure, so none is left to the exception handler,
    /// which would log it as one and answer 500.
    /// </summary>
    public static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return (null, Problems.TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(limit));
        }
        catch (BadHttpRequestException)
        {
            return (null, Problems.BadRequest("Malformed request body", "The request body is not valid HTTP framing (for example a bad chunk size or an early end); send it again."));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client closed or reset the connection mid-body: nobody will read this answer, but it is not a 500.
            return (null, Problems.BadRequest("Request body cut short", "The connection closed before the whole request body arrived."));
        }

        return (buffer.ToArray(), null);
    }
}
