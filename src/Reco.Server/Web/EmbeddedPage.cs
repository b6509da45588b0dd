using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Reco.Server.Web;

/// <summary>The web page at <c>/</c>: static files embedded in this assembly, read once and served from memory.</summary>
internal static class EmbeddedPage
{
    private static readonly (string Path, string Resource, string ContentType)[] Files =
    [
        ("/", "wwwroot/index.html", "text/html; charset=utf-8"),
        ("/app.js", "wwwroot/app.js", "text/javascript; charset=utf-8"),
        ("/app.css", "wwwroot/app.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        var assembly = typeof(EmbeddedPage).Assembly;
        foreach (var (path, resource, contentType) in Files)
        {
            using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The server was built without its page file {resource}.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            app.MapGet(path, () => TypedResults.Bytes(bytes, contentType)).ExcludeFromDescription();
        }
    }
}
