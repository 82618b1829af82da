using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DtHub.Api.Features.WebClient;

/// <summary>
/// Serves the built map client at "/" from the same origin as the API: hashed assets cached for a year,
/// index.html never cached (so a new build shows at once), and client-side routes answered with index.html.
/// </summary>
public static class WebClientModule
{
    /// <summary>Paths that belong to the API; the SPA fallback never answers them with index.html.</summary>
    private static readonly string[] ApiPrefixes = ["/graphql", "/tiles", "/healthz", "/ogc", "/api"];

    public static IHostApplicationBuilder AddWebClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebClientOptions>()
            .Bind(builder.Configuration.GetSection(WebClientOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.DistPath) || Directory.Exists(ResolveConfigured(o.DistPath, builder.Environment.ContentRootPath)),
                "WebClient:DistPath must name an existing folder (the output of `npm run build` in web/).")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapWebClient(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebClientOptions>>().Value;
        var dist = FindDist(options.DistPath, app.Environment.ContentRootPath, AppContext.BaseDirectory);
        if (dist is null)
        {
            app.Logger.LogWarning("Web client not found (no web/dist/index.html); run `npm ci && npm run build` in web/ or set WebClient:DistPath. The API still works.");
            app.MapGet("/", () => Results.Text("DtHub API. The map is not built: run `npm ci && npm run build` in web/.", "text/plain; charset=utf-8"));
            return app;
        }

        var files = new PhysicalFileProvider(dist);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Vite puts a content hash in every name under assets/, so those never change.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

        var index = Path.Combine(dist, "index.html");
        app.MapFallback(async context =>
        {
            if (ApiPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
                || !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }

    /// <summary>The configured folder, or the first <c>web/dist</c> with an index.html above the given roots.</summary>
    internal static string? FindDist(string? configured, params string[] roots)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = ResolveConfigured(configured, roots[0]);
            return File.Exists(Path.Combine(path, "index.html")) ? path : null;
        }
        foreach (var root in roots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
            }
        }
        return null;
    }

    private static string ResolveConfigured(string path, string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path));
}
