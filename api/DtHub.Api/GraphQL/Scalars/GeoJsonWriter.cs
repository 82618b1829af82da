using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Scalars;

/// <summary>
/// Writes a geometry as an RFC 7946 GeoJSON geometry object straight into a <see cref="Utf8JsonWriter"/>: what the
/// serializer's GeoJSON converter writes (rings wound by the right-hand rule too), without its per-call lookups, for
/// exports of thousands of features.
/// </summary>
public static class GeoJsonWriter
{
    public static void Write(Utf8JsonWriter json, Geometry geometry)
    {
        json.WriteStartObject();
        json.WriteString("type", geometry.GeometryType);
        if (geometry is GeometryCollection collection and not (MultiPoint or MultiLineString or MultiPolygon))
        {
            json.WriteStartArray("geometries");
            foreach (var part in collection.Geometries) Write(json, part);
            json.WriteEndArray();
        }
        else
        {
            json.WritePropertyName("coordinates");
            WriteCoordinates(json, geometry);
        }
        json.WriteEndObject();
    }

    private static void WriteCoordinates(Utf8JsonWriter json, Geometry geometry)
    {
        switch (geometry)
        {
            case Point { IsEmpty: true }:
                json.WriteStartArray();
                json.WriteEndArray();
                break;
            case Point point:
                WritePosition(json, point.Coordinate);
                break;
            case LineString line:
                WritePositions(json, line.CoordinateSequence);
                break;
            case Polygon polygon:
                json.WriteStartArray();
                // RFC 7946's right-hand rule: the exterior ring counter-clockwise, holes clockwise.
                WriteRing(json, polygon.ExteriorRing.CoordinateSequence, counterClockwise: true);
                foreach (var hole in polygon.InteriorRings) WriteRing(json, hole.CoordinateSequence, counterClockwise: false);
                json.WriteEndArray();
                break;
            default: // MultiPoint, MultiLineString, MultiPolygon: an array of their parts' coordinates
                json.WriteStartArray();
                foreach (var part in ((GeometryCollection)geometry).Geometries) WriteCoordinates(json, part);
                json.WriteEndArray();
                break;
        }
    }

    private static void WriteRing(Utf8JsonWriter json, CoordinateSequence ring, bool counterClockwise)
    {
        if (ring.Count < 4 || Orientation.IsCCW(ring) == counterClockwise) WritePositions(json, ring);
        else WritePositions(json, ring, reversed: true);
    }

    private static void WritePositions(Utf8JsonWriter json, CoordinateSequence sequence, bool reversed = false)
    {
        json.WriteStartArray();
        for (var k = 0; k < sequence.Count; k++)
        {
            var i = reversed ? sequence.Count - 1 - k : k;
            json.WriteStartArray();
            json.WriteNumberValue(sequence.GetX(i));
            json.WriteNumberValue(sequence.GetY(i));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter json, Coordinate coordinate)
    {
        json.WriteStartArray();
        json.WriteNumberValue(coordinate.X);
        json.WriteNumberValue(coordinate.Y);
        json.WriteEndArray();
    }
}
