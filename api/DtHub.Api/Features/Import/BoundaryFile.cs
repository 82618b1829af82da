using System.Globalization;
using System.Text.Json;
using DtHub.Api.Data;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DtHub.Api.Features.Import;

/// <summary>Whether a boundary feature is a ward-level unit or a neighbourhood.</summary>
internal enum BoundaryLevel { Ward, Neighborhood }

/// <summary>One unit from a boundaries file, checked for everything that needs no database.</summary>
internal sealed record BoundaryFeature(int Row, BoundaryLevel Level, string Code, string Name, string Kind, DateOnly ValidFrom,
    string? WardCode, IReadOnlyList<string> Predecessors, int? EstimatedResidents, Geometry Geometry);

/// <summary>
/// Reads an RFC 7946 FeatureCollection of wards or neighbourhoods. Each feature carries properties code, name, kind
/// (phuong/xa for wards; khu_pho/thon/ap for neighbourhoods), validFrom, and optionally predecessors (codes merged
/// into it), wardCode (a neighbourhood's ward) and estimatedResidents.
/// </summary>
internal static class BoundaryFile
{
    private const string SwapHint = "GeoJSON positions are [longitude, latitude]: swap each pair";

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static List<BoundaryFeature> Read(byte[] content, ImportResult result)
    {
        var features = new List<BoundaryFeature>();
        JsonDocument document;
        try { document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            result.Reject(0, null, $"not valid JSON: {e.Message}");
            return features;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "type") != "FeatureCollection" || !root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                result.Reject(0, null, "not a GeoJSON FeatureCollection (expected {\"type\": \"FeatureCollection\", \"features\": [...]})");
                return features;
            }
            // RFC 7946 drops "crs": coordinates are WGS 84 longitude, latitude. An old-style crs naming anything else is refused.
            if (root.TryGetProperty("crs", out var crs) && crs.GetRawText() is var crsText
                && !crsText.Contains("CRS84", StringComparison.OrdinalIgnoreCase) && !crsText.Contains("4326", StringComparison.Ordinal))
            {
                result.Reject(0, "crs", $"the file declares {crsText}: give WGS 84 longitude/latitude (EPSG:4326) as RFC 7946 requires, e.g. ogr2ogr -t_srs EPSG:4326");
                return features;
            }
            var row = 0;
            var codes = new Dictionary<(BoundaryLevel, string), int>();
            foreach (var feature in list.EnumerateArray())
            {
                row++;
                if (Validate(row, feature, result) is not { } parsed) continue;
                if (codes.TryGetValue((parsed.Level, parsed.Code), out var first))
                    result.Reject(row, "code", $"code {parsed.Code} is also used by feature {first}");
                else
                {
                    codes[(parsed.Level, parsed.Code)] = row;
                    features.Add(parsed);
                }
            }
        }
        if (features.Count == 0 && result.Errors.Count == 0) result.Reject(0, null, "the collection has no features");
        return features;
    }

    private static BoundaryFeature? Validate(int row, JsonElement feature, ImportResult result)
    {
        var errors = result.Errors.Count;
        if (!feature.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            result.Reject(row, "properties", "feature has no properties (code, name, kind, validFrom)");
            return null;
        }
        var code = Str(props, "code");
        var name = CellText.Clean(Str(props, "name"));
        var kindText = Str(props, "kind");
        if (string.IsNullOrWhiteSpace(code)) result.Reject(row, "code", "code is missing");
        else if (code.Length > 32) result.Reject(row, "code", "code is longer than 32 characters");
        if (name is null) result.Reject(row, "name", "name is missing");
        else if (name.Length > 200) result.Reject(row, "name", "name is longer than 200 characters");
        var (level, kind) = Kind(kindText);
        if (kind is null) result.Reject(row, "kind", $"kind '{kindText}' is not one of phuong, xa (wards) or khu_pho, thon, ap (neighbourhoods)");

        var validFromText = Str(props, "validFrom") ?? Str(props, "valid_from");
        if (!DateOnly.TryParseExact(validFromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validFrom))
            result.Reject(row, "validFrom", $"validFrom '{validFromText}' is not a date (YYYY-MM-DD)");

        var predecessors = new List<string>();
        if (props.TryGetProperty("predecessors", out var pred))
        {
            if (pred.ValueKind == JsonValueKind.Array) predecessors.AddRange(pred.EnumerateArray().Select(p => p.ToString()));
            else if (pred.ValueKind == JsonValueKind.String) predecessors.AddRange(pred.GetString()!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        int? residents = props.TryGetProperty("estimatedResidents", out var r) && r.TryGetInt32(out var n) ? n : null;

        Geometry? geometry = null;
        if (!feature.TryGetProperty("geometry", out var geometryJson) || geometryJson.ValueKind != JsonValueKind.Object)
            result.Reject(row, "geometry", "feature has no geometry");
        else
        {
            try { geometry = geometryJson.Deserialize<Geometry>(GeoJson); }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                result.Reject(row, "geometry", $"geometry cannot be read: {e.Message}");
            }
            if (geometry is not null and not (Polygon or MultiPolygon))
            {
                result.Reject(row, "geometry", $"geometry is a {geometry.GeometryType}; a boundary must be a Polygon or MultiPolygon");
                geometry = null;
            }
            else if (geometry is { IsEmpty: true }) { result.Reject(row, "geometry", "geometry is empty"); geometry = null; }
            else if (geometry is not null)
            {
                var box = geometry.EnvelopeInternal;
                if ((Coordinates.Problem(box.MinY, box.MinX, SwapHint) ?? Coordinates.Problem(box.MaxY, box.MaxX, SwapHint)) is { } problem)
                    result.Reject(row, "geometry", $"coordinates: {problem}");
                geometry.SRID = SpatialConventions.Srid;
            }
        }
        if (result.Errors.Count > errors) return null;
        return new BoundaryFeature(row, level, code!, name!, kind!, validFrom, Str(props, "wardCode") ?? Str(props, "ward_code"),
            predecessors, residents, geometry!);
    }

    /// <summary>The level and stored kind (enum name) a typed kind means.</summary>
    private static (BoundaryLevel, string?) Kind(string? typed) =>
        UnitNameKey.Fold(typed ?? "").Replace(" ", "", StringComparison.Ordinal) switch
        {
            "phuong" or "ward" => (BoundaryLevel.Ward, nameof(WardKind.Phuong)),
            "xa" or "commune" => (BoundaryLevel.Ward, nameof(WardKind.Xa)),
            "khupho" or "kp" or "neighborhood" or "neighbourhood" => (BoundaryLevel.Neighborhood, nameof(NeighborhoodKind.KhuPho)),
            "thon" or "hamlet" => (BoundaryLevel.Neighborhood, nameof(NeighborhoodKind.Thon)),
            "ap" => (BoundaryLevel.Neighborhood, nameof(NeighborhoodKind.Ap)),
            _ => (BoundaryLevel.Ward, null),
        };

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? value.ToString() : null;
}
