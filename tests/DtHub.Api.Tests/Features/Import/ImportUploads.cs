using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Import;

/// <summary>GraphQL multipart requests (operations, map, file) over real HTTP, as a browser or curl sends them.</summary>
internal static class ImportUploads
{
    public const string Summary = "accepted batchId inserted updated unchanged rejected flagged rowErrors { row field reason } errors { code field message }";

    public static async Task<(int Status, JsonElement Body)> UploadAsync(this HubApiFactory api, string? token, string mutation, string fileName, string content,
        Dictionary<string, object?>? variables = null, bool preflight = true)
    {
        var vars = new Dictionary<string, object?>(variables ?? []) { ["file"] = null };
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(JsonSerializer.Serialize(new { query = mutation, variables = vars }), Encoding.UTF8, "application/json"), "operations");
        form.Add(new StringContent("""{"0": ["variables.file"]}""", Encoding.UTF8, "application/json"), "map");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "0", fileName);
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = form };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (preflight) request.Headers.Add("GraphQL-Preflight", "1");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public static string Merchants(params (string Name, double Lon)[] rows) =>
        "name,category,lat,lon\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.Name},Nhà hàng,10.305,{r.Lon}\n")));

    public static string Wifi(params (string Name, double Lon)[] rows) =>
        "name,ssid,lat,lon\n" + string.Concat(rows.Select(r => FormattableString.Invariant($"{r.Name},VungTau-Free,10.305,{r.Lon}\n")));

    public static string WardReport(params string[] wardNames) =>
        "Tên phường;Tổng số hộ;Tổng số nhân khẩu;Tổng số người trên 15 tuổi;Tổng số người có tài khoản ngân hàng/ ví điện tử\n"
        + string.Concat(wardNames.Select(n => $"{n};100;400;300;200\n"));

    /// <summary>A new ward far east of the two-ward fixture, so it overlaps nothing.</summary>
    public const string NewWard = """
        {"type": "FeatureCollection", "features": [{"type": "Feature",
          "properties": {"code": "N01", "name": "Phường Mới", "kind": "phuong", "validFrom": "2025-01-01"},
          "geometry": {"type": "Polygon", "coordinates": [[[107.05, 10.30], [107.06, 10.30], [107.06, 10.31], [107.05, 10.31], [107.05, 10.30]]]}}]}
        """;
}
