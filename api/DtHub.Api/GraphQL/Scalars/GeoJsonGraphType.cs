using System.Text.Json;
using DtHub.Api.Data;
using GraphQL.Types;
using GraphQLParser.AST;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DtHub.Api.GraphQL.Scalars;

/// <summary>
/// A GeoJSON geometry object (RFC 7946): longitude/latitude on WGS 84 (SRID 4326), both in and out.
/// Accepts the object as a variable value or as an inline object literal.
/// </summary>
public sealed class GeoJsonGraphType : ScalarGraphType
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), SpatialConventions.Srid);

    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public GeoJsonGraphType()
    {
        Name = "GeoJSON";
        Description = "A GeoJSON geometry object (RFC 7946) in WGS 84 longitude/latitude, e.g. {\"type\":\"Point\",\"coordinates\":[107.0845,10.3460]}.";
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions();
        AddConverter(options);
        return options;
    }

    /// <summary>Adds the GeoJSON writer to the response serializer, so geometries stream straight into the body.</summary>
    public static void AddConverter(JsonSerializerOptions options) => options.Converters.Add(new GeoJsonConverterFactory(Factory));

    // The geometry itself travels to the response writer (see AddConverter): no intermediate JSON document.
    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Geometry g => g,
        JsonElement e => e,
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        Geometry g => g,
        string s => Parse(s),
        IDictionary<string, object?> or JsonElement => Parse(JsonSerializer.Serialize(value)),
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => Parse((string)s.Value),
        GraphQLObjectValue o => Parse(JsonSerializer.Serialize(ToPlain(o))),
        _ => ThrowLiteralConversionError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) => value is GraphQLNullValue or GraphQLStringValue or GraphQLObjectValue;

    /// <summary>Reads and validates a GeoJSON geometry; the message names what is wrong.</summary>
    public static Geometry Parse(string json)
    {
        Geometry? geometry;
        try
        {
            geometry = JsonSerializer.Deserialize<Geometry>(json, Json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new InvalidGeoJsonException($"Not a GeoJSON geometry: {e.Message}");
        }
        if (geometry is null) throw new InvalidGeoJsonException("Not a GeoJSON geometry: empty value.");
        using (var doc = JsonDocument.Parse(json))
        {
            if (doc.RootElement.TryGetProperty("crs", out _))
                throw new InvalidGeoJsonException("GeoJSON 'crs' members are not supported: RFC 7946 coordinates are always WGS 84 longitude/latitude (SRID 4326).");
        }
        foreach (var c in geometry.Coordinates)
        {
            if (double.IsNaN(c.X) || c.X < -180 || c.X > 180 || c.Y < -90 || c.Y > 90)
                throw new InvalidGeoJsonException($"Coordinate [{c.X}, {c.Y}] is outside longitude -180..180 / latitude -90..90: GeoJSON wants [longitude, latitude] in WGS 84.");
        }
        geometry.SRID = SpatialConventions.Srid;
        return geometry;
    }

    private static object? ToPlain(GraphQLValue value) => value switch
    {
        GraphQLObjectValue o => (o.Fields ?? []).ToDictionary(f => (string)f.Name.Value, f => ToPlain(f.Value)),
        GraphQLListValue l => (l.Values ?? []).Select(ToPlain).ToList(),
        GraphQLIntValue i => decimal.Parse((string)i.Value, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => decimal.Parse((string)f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
        GraphQLStringValue s => (string)s.Value,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLNullValue => null,
        _ => throw new InvalidGeoJsonException($"Unexpected {value.Kind} inside a GeoJSON literal."),
    };
}

/// <summary>A GeoJSON input that cannot be used, with the reason.</summary>
public sealed class InvalidGeoJsonException(string message) : Exception(message);
