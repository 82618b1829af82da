using System.Globalization;
using System.Text;
using System.Text.Json;
using DtHub.Api.Features.Auth;

namespace DtHub.Api.Features.Ogc;

/// <summary>
/// OGC API – Features (Part 1, Core + GeoJSON) at <c>/ogc</c>, for GIS clients (QGIS and GDAL's OAPIF driver) and
/// IOC platforms. Links are absolute (GDAL resolves relative ones wrongly); items are <c>application/geo+json</c>
/// with <c>numberMatched</c>. The credential gate covers <c>/ogc</c> like <c>/graphql</c>; API keys need the
/// collection's read scope.
/// </summary>
public static class OgcModule
{
    private const string GeoJson = "application/geo+json";
    private const int DefaultLimit = 10;
    private const int MaxLimit = 1000;

    public static IServiceCollection AddOgcFeatures(this IServiceCollection services) => services.AddSingleton<OgcFeatureSql>();

    public static WebApplication MapOgcFeatures(this WebApplication app)
    {
        var ogc = app.MapGroup("/ogc");
        ogc.MapGet("", (HttpContext http) => Json(new
        {
            title = "DtHub – OGC API Features",
            description = "Wards, neighbourhoods, merchants, public Wi-Fi and model streets of the city's digital transformation.",
            links = new object[]
            {
                Link(http, "/ogc", "self", "application/json", "This document"),
                Link(http, "/ogc/conformance", "conformance", "application/json", "Conformance classes"),
                Link(http, "/ogc/collections", "data", "application/json", "Collections"),
            },
        }));
        ogc.MapGet("/conformance", () => Json(new
        {
            conformsTo = new[]
            {
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            },
        }));
        ogc.MapGet("/collections", async (HttpContext http, OgcFeatureSql sql, CancellationToken ct) =>
        {
            var caller = Caller(http);
            var collections = new List<object>();
            foreach (var c in OgcCollection.All.Where(c => caller.MayRead(c.EntityType))) collections.Add(await DescribeAsync(http, sql, c, ct));
            return Json(new { links = new[] { Link(http, "/ogc/collections", "self", "application/json", "Collections") }, collections });
        });
        ogc.MapGet("/collections/{id}", async (HttpContext http, string id, OgcFeatureSql sql, CancellationToken ct) =>
            Resolve(http, id, out var c) ?? Json(await DescribeAsync(http, sql, c!, ct)));
        ogc.MapGet("/collections/{id}/items", ItemsAsync);
        ogc.MapGet("/collections/{id}/items/{featureId}", async (HttpContext http, string id, string featureId, OgcFeatureSql sql, CancellationToken ct) =>
        {
            if (Resolve(http, id, out var c) is { } refused) return refused;
            if (!long.TryParse(featureId, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
                return Problem(404, $"Collection {id} has no feature '{featureId}': feature ids are integers.");
            var feature = await sql.OneAsync(c!, key, ct);
            if (feature is null) return Problem(404, $"Collection {id} has no feature {key}.");
            var self = Link(http, $"/ogc/collections/{id}/items/{key}", "self", GeoJson, "This feature");
            var collection = Link(http, $"/ogc/collections/{id}", "collection", "application/json", c!.Title);
            var body = feature[..^1] + ",\"links\":" + JsonSerializer.Serialize(new[] { self, collection }) + "}";
            return Results.Text(body, GeoJson, Encoding.UTF8);
        });
        return app;
    }

    private static async Task<IResult> ItemsAsync(HttpContext http, string id, OgcFeatureSql sql, CancellationToken ct)
    {
        if (Resolve(http, id, out var c) is { } refused) return refused;
        var query = http.Request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1))
            return Problem(400, $"limit must be a positive integer, not '{l}'.");
        limit = Math.Min(limit, MaxLimit); // the standard says to cap, not refuse
        var offset = 0;
        if (query.TryGetValue("offset", out var o) && !int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return Problem(400, $"offset must be a non-negative integer, not '{o}'.");
        double[]? bbox = null;
        if (query.TryGetValue("bbox", out var b))
        {
            var parts = b.ToString().Split(',');
            bbox = parts.Length == 4 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray()
                : null;
            if (bbox is null || bbox[0] > bbox[2] || bbox[1] > bbox[3])
                return Problem(400, $"bbox must be west,south,east,north in degrees (WGS 84), not '{b}'.");
        }
        var (from, to, error) = ParseDatetime(query["datetime"]);
        if (error is not null) return Problem(400, error);

        var (matched, features) = await sql.PageAsync(c!, new OgcFilter(bbox, from, to), limit, offset, ct);
        var links = new List<object> { Link(http, Page(http, limit, offset), "self", GeoJson, "This page") };
        if (offset + features.Count < matched) links.Add(Link(http, Page(http, limit, offset + limit), "next", GeoJson, "Next page"));
        if (offset > 0) links.Add(Link(http, Page(http, limit, Math.Max(0, offset - limit)), "prev", GeoJson, "Previous page"));

        var body = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        body.AppendJoin(',', features);
        body.Append(CultureInfo.InvariantCulture, $"],\"numberMatched\":{matched},\"numberReturned\":{features.Count},\"timeStamp\":\"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\",\"links\":");
        body.Append(JsonSerializer.Serialize(links)).Append('}');
        return Results.Text(body.ToString(), GeoJson, Encoding.UTF8);
    }

    /// <summary>RFC 3339 instant or interval (<c>a/b</c>, either end may be <c>..</c> or empty), on <c>updated_at</c>.</summary>
    private static (DateTimeOffset? From, DateTimeOffset? To, string? Error) ParseDatetime(string? value)
    {
        if (string.IsNullOrEmpty(value)) return (null, null, null);
        static bool Open(string s) => s is "" or "..";
        var ends = value.Split('/');
        if (ends.Length > 2) return (null, null, $"datetime must be an RFC 3339 instant or interval, not '{value}'.");
        var parsed = new DateTimeOffset?[ends.Length];
        for (var i = 0; i < ends.Length; i++)
        {
            if (ends.Length == 2 && Open(ends[i])) continue;
            if (!DateTimeOffset.TryParse(ends[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                return (null, null, $"datetime '{ends[i]}' is not an RFC 3339 date-time (e.g. 2024-11-01T00:00:00Z).");
            parsed[i] = t;
        }
        return ends.Length == 1 ? (parsed[0], parsed[0], null) : (parsed[0], parsed[1], null);
    }

    private static string Page(HttpContext http, int limit, int offset)
    {
        var query = http.Request.Query.Where(q => q.Key is not ("limit" or "offset"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"limit={limit}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"offset={offset}"));
        return http.Request.Path + "?" + string.Join('&', query);
    }

    private static async Task<object> DescribeAsync(HttpContext http, OgcFeatureSql sql, OgcCollection c, CancellationToken ct)
    {
        var extent = await sql.ExtentAsync(c, ct);
        return new
        {
            id = c.Id,
            title = c.Title,
            description = c.Description,
            itemType = "feature",
            crs = new[] { "http://www.opengis.net/def/crs/OGC/1.3/CRS84" },
            extent = extent is null ? null : new { spatial = new { bbox = new[] { extent }, crs = "http://www.opengis.net/def/crs/OGC/1.3/CRS84" } },
            links = new[]
            {
                Link(http, $"/ogc/collections/{c.Id}", "self", "application/json", c.Title),
                Link(http, $"/ogc/collections/{c.Id}/items", "items", GeoJson, $"{c.Title} as GeoJSON"),
            },
        };
    }

    private static IResult? Resolve(HttpContext http, string id, out OgcCollection? collection)
    {
        collection = OgcCollection.Find(id);
        if (collection is null) return Problem(404, $"No collection '{id}'; see /ogc/collections.");
        return Caller(http).MayRead(collection.EntityType) ? null : Problem(403, $"This API key lacks the scope read:{collection.EntityType}.");
    }

    private static HubCaller Caller(HttpContext http) => HubCaller.From(http.User, http.RequestServices.GetRequiredService<AuthOptions>());

    private static object Link(HttpContext http, string pathAndQuery, string rel, string type, string title) =>
        new { href = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{pathAndQuery}", rel, type, title };

    private static IResult Json(object value) => Results.Json(value, contentType: "application/json");

    private static IResult Problem(int status, string detail) => Results.Json(new { code = status, description = detail }, statusCode: status);
}
