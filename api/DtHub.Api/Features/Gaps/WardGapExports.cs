using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DtHub.Api.GraphQL.Scalars;
using static DtHub.Api.Features.Gaps.WardGapReport;

namespace DtHub.Api.Features.Gaps;

/// <summary>
/// <c>GET /exports/gaps/wards/{code}.{geojson|csv}?month=YYYY-MM</c>: a ward's <see cref="WardGapReport"/> as a GeoJSON
/// FeatureCollection (RFC 7946) or as CSV, written while it is read. The densest ward's report holds some 6,000
/// features; building a document first cost more than all its queries.
/// </summary>
public static class WardGapExports
{
    public static IEndpointRouteBuilder MapWardGapExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exports/gaps/wards/{file}", async (string file, string? month, double? radiusMeters, double? minResidents, HttpContext http) =>
        {
            var dot = file.LastIndexOf('.');
            var (code, format) = dot > 0 ? (file[..dot], file[(dot + 1)..]) : (file, "");
            if (format is not ("geojson" or "csv")) return Results.BadRequest(new { error = "Ask for {code}.geojson or {code}.csv." });
            if (!MonthGraphType.TryParse(month, out var m)) return Results.BadRequest(new { error = "month is required as YYYY-MM, e.g. 2022-06." });
            var radius = radiusMeters ?? 300;
            if (radius is <= 0 or > 5000) return Results.BadRequest(new { error = "radiusMeters must be above 0 and at most 5,000." });

            var queries = http.RequestServices.GetRequiredService<GapQueries>();
            var wardId = await queries.CurrentWardIdAsync(code, http.RequestAborted);
            if (wardId is null) return Results.NotFound(new { error = $"No ward has code {code}." });

            var items = ReadAsync(queries, wardId.Value, m, radius, minResidents ?? 50, http.RequestAborted);
            http.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/geo+json";
            await (format == "csv" ? WriteCsvAsync(http.Response.BodyWriter, items, http.RequestAborted)
                                   : WriteGeoJsonAsync(http.Response.BodyWriter, items, http.RequestAborted));
            return Results.Empty;
        });
        return app;
    }

    public static async Task WriteGeoJsonAsync(PipeWriter body, IAsyncEnumerable<Item> items, CancellationToken ct)
    {
        // (Vietnamese names as they are, not as \u escapes: the body is UTF-8, and HTML escaping is the page's job)
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var sent = new SendEvery64K(body);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        await foreach (var item in items)
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WritePropertyName("geometry");
            if (item.Geometry is null) json.WriteNullValue();
            else GeoJsonWriter.Write(json, item.Geometry);
            json.WriteStartObject("properties");
            json.WriteString("kind", item.Kind);
            json.WriteString("name", item.Name);
            json.WriteString("detail", item.Detail);
            foreach (var (key, value) in item.Figures)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            json.WriteEndObject();
            json.WriteEndObject();
            // (the writer hands full buffers to the pipe itself: count those too)
            if (sent.Due(json.BytesCommitted + json.BytesPending))
            {
                json.Flush();
                await sent.SendAsync(json.BytesCommitted, ct);
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        await body.FlushAsync(ct);
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string text: json.WriteStringValue(text); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case double number: json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            default: JsonSerializer.Serialize(json, value, value.GetType()); break;
        }
    }

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets read the Vietnamese names right.</summary>
    public static async Task WriteCsvAsync(PipeWriter body, IAsyncEnumerable<Item> items, CancellationToken ct)
    {
        var sent = new SendEvery64K(body);
        var written = Write(body, "\uFEFFkind,name,detail,figures\r\n");
        await foreach (var item in items)
        {
            var figures = string.Join("; ", item.Figures.Where(f => f.Value is not null)
                .Select(f => $"{f.Key}={Convert.ToString(f.Value, CultureInfo.InvariantCulture)}"));
            written += Write(body, string.Join(',', new[] { item.Kind, item.Name, item.Detail, figures }.Select(Cell)) + "\r\n");
            if (sent.Due(written)) await sent.SendAsync(written, ct);
        }
        await body.FlushAsync(ct);
    }

    private static long Write(PipeWriter body, string text) => Encoding.UTF8.GetBytes(text, body);

    /// <summary>Quotes a CSV cell and neutralises text a spreadsheet would run as a formula (= + - @).</summary>
    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@') text = "'" + text;
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Sends what is written every 64 KiB, so a long export streams instead of waiting in memory.</summary>
    private sealed class SendEvery64K(PipeWriter body)
    {
        private long sent;

        public bool Due(long written) => written - sent > 1 << 16;

        public async ValueTask SendAsync(long written, CancellationToken ct)
        {
            await body.FlushAsync(ct);
            sent = written;
        }
    }
}
