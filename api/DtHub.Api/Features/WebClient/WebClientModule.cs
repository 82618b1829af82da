using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DtHub.Api.Features.WebClient;

/// <summary>
/// Serves the built map client at "/" from the same origin as the API: hashed assets cached for a year (and sent
/// precompressed when the build wrote .br/.gz files next to them), index.html never cached (so a new build shows at
/// once), and client-side routes answered with index.html. Also compresses the API's JSON and tile responses.
/// </summary>
public static class WebClientModule
{
    /// <summary>Paths that belong to the API; the SPA fallback never answers them with index.html.</summary>
    private static readonly string[] ApiPrefixes = ["/graphql", "/tiles", "/healthz", "/ogc", "/api"];

    /// <summary>Responses worth compressing on the fly: GraphQL and JSON answers, tiles, and the app's text files.</summary>
    private static readonly string[] CompressedTypes =
    [
        "application/json", "application/graphql-response+json", "application/problem+json", Tiles.TileModule.ContentType,
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "image/svg+xml",
    ];

    /// <summary>Precompressed siblings the build writes, best first, with their Content-Encoding.</summary>
    private static readonly (string Extension, string Encoding)[] Precompressed = [(".br", "br"), (".gz", "gzip")];

    public static IHostApplicationBuilder AddWebClient(this IHostApplicationBuilder builder)
    {
        // Fastest levels: on a LAN the CPU costs more than the bytes. Not over HTTPS by default (BREACH); a TLS proxy
        // in front of the hub sees plain HTTP and still gets compressed answers.
        builder.Services.AddResponseCompression(o =>
        {
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = CompressedTypes;
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddOptions<WebClientOptions>()
            .Bind(builder.Configuration.GetSection(WebClientOptions.Section))
            .Validate(o => o.Map.Longitude is >= -180 and <= 180 && o.Map.Latitude is >= -90 and <= 90 && o.Map.Zoom is >= 0 and <= 22,
                "WebClient:Map:Longitude must be within ±180°, WebClient:Map:Latitude within ±90° and WebClient:Map:Zoom between 0 and 22.")
            .Validate(o => string.IsNullOrWhiteSpace(o.DistPath) || Directory.Exists(ResolveConfigured(o.DistPath, builder.Environment.ContentRootPath)),
                "WebClient:DistPath must name an existing folder (the output of `npm run build` in web/).")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication MapWebClient(this WebApplication app)
    {
        app.UseResponseCompression();
        var options = app.Services.GetRequiredService<IOptions<WebClientOptions>>().Value;
        // Read at start (never cached by browsers: a changed setting shows on the next load).
        app.MapGet("/config.json", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Json(options.Map.ToClientConfig());
        });
        var dist = FindDist(options.DistPath, app.Environment.ContentRootPath, AppContext.BaseDirectory);
        if (dist is null)
        {
            app.Logger.LogWarning("Web client not found (no web/dist/index.html); run `npm ci && npm run build` in web/ or set WebClient:DistPath. The API still works.");
            app.MapGet("/", () => Results.Text("DtHub API. The map is not built: run `npm ci && npm run build` in web/.", "text/plain; charset=utf-8"));
            return app;
        }

        var files = new PhysicalFileProvider(dist);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".br"] = "application/x-brotli"; // replaced by the original file's type when served
        app.Use((context, next) =>
        {
            ServePrecompressed(context, files);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Vite puts a content hash in every name under assets/, so those never change.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                if (context.Context.Items[OriginalPathKey] is string original)
                {
                    headers.ContentEncoding = context.Context.Items[EncodingKey] as string;
                    headers.ContentType = types.TryGetContentType(original, out var type) ? type : "application/octet-stream";
                    headers.Vary = HeaderNames.AcceptEncoding;
                }
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

    private const string OriginalPathKey = "dthub.precompressed.original";
    private const string EncodingKey = "dthub.precompressed.encoding";

    /// <summary>
    /// Points a request for <c>/assets/x.js</c> at <c>/assets/x.js.br</c> (or <c>.gz</c>) when the browser accepts that
    /// encoding and the build wrote the file: compressed once at build time at the best level, never per request.
    /// </summary>
    private static void ServePrecompressed(HttpContext context, IFileProvider files)
    {
        var path = context.Request.Path;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)) return;
        if (!path.StartsWithSegments("/assets") || !path.HasValue) return;
        var accepted = context.Request.GetTypedHeaders().AcceptEncoding;
        foreach (var (extension, encoding) in Precompressed)
        {
            if (!accepted.Any(e => e.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && e.Quality is not 0)) continue;
            if (!files.GetFileInfo(path.Value + extension).Exists) continue;
            context.Items[OriginalPathKey] = path.Value;
            context.Items[EncodingKey] = encoding;
            context.Request.Path = path.Value + extension;
            return;
        }
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
