using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Reco.Server.Api;

/// <summary>
/// The id in a path such as <c>/v1/users/{id}/recommendations</c>, decoded exactly once. The server decodes
/// every escape of the path except <c>%2F</c> (so that an escaped slash does not split a segment), which leaves
/// ids holding <c>/</c> undecoded in route values; this reads the segment from the request target as the client
/// sent it instead. Ids <c>.</c> and <c>..</c> are removed from paths by URL normalisation before any routing
/// and cannot be addressed in a path; the POST endpoint takes any id in its body.
/// </summary>
internal static class PathId
{
    /// <summary>The id segment (the one before the route's last segment) decoded from the raw target, else <paramref name="routeValue"/>.</summary>
    public static string Decode(HttpContext context, string routeValue)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return routeValue;
        }

        int query = raw.IndexOfAny(['?', '#']);
        var path = query < 0 ? raw : raw[..query];
        if (!path.StartsWith('/'))
        {
            // Absolute form (http://host/path): the path starts after the authority.
            int scheme = path.IndexOf("://", StringComparison.Ordinal);
            int start = scheme < 0 ? -1 : path.IndexOf('/', scheme + 3);
            if (start < 0)
            {
                return routeValue;
            }

            path = path[start..];
        }

        var segments = path.TrimEnd('/').Split('/');
        if (segments.Length < 3 || segments.Any(s => Uri.UnescapeDataString(s) is "." or ".."))
        {
            // Dot segments were resolved before routing, so the raw segments no longer line up with the route.
            return routeValue;
        }

        return Uri.UnescapeDataString(segments[^2]);
    }
}
