using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DtHub.Api.GraphQL.Transport;

/// <summary>
/// <c>/graphql/ui</c>: the GraphiQL IDE built by Vite into <c>web/graphiql/dist</c>, served from disk.
/// When it has not been built, a 503 says how to build it instead of a bare 404.
/// </summary>
public sealed class GraphiQLEndpoint(IOptions<GraphQLTransportOptions> options, IWebHostEnvironment environment) : IDisposable
{
    public const string BuildHint = "GraphiQL is not built: run `npm ci && npm run build` in web/graphiql (or set GraphQL:Transport:GraphiQLPath).";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private PhysicalFileProvider? _files;

    public async Task HandleAsync(HttpContext http, string? path)
    {
        var files = Files();
        if (files is null)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(BuildHint + "\n");
            return;
        }

        var isPage = string.IsNullOrEmpty(path);
        var file = files.GetFileInfo(isPage ? "index.html" : path!);
        if (!file.Exists || file.IsDirectory)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = ContentTypes.TryGetContentType(file.Name, out var type) ? type : "application/octet-stream";
        // Vite puts a content hash in every asset name; only the page itself must be revalidated.
        http.Response.Headers.CacheControl = isPage ? "no-cache" : "public, max-age=31536000, immutable";
        http.Response.ContentLength = file.Length;
        await http.Response.SendFileAsync(file, http.RequestAborted);
    }

    public void Dispose() => _files?.Dispose();

    /// <summary>The built folder, looked up until found (a build made while the API runs is picked up).</summary>
    private PhysicalFileProvider? Files()
    {
        if (_files is not null) return _files;
        var folder = Locate();
        return folder is null ? null : _files = new PhysicalFileProvider(folder);
    }

    private string? Locate()
    {
        var configured = options.Value.GraphiQLPath;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, environment.ContentRootPath);
            return File.Exists(Path.Combine(full, "index.html")) ? full : null;
        }
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "web", "graphiql", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
            }
        }
        return null;
    }
}
