using System.Text.Json;
using System.Text.Json.Nodes;
using DtHub.Api.GraphQL.Scalars;
using NetTopologySuite.IO;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>The exports' direct GeoJSON writer writes what the API's GeoJSON scalar (NTS's converter) writes.</summary>
public sealed class GeoJsonWriterTests
{
    [Theory]
    [InlineData("POINT(107.0845 10.346)")]
    [InlineData("POINT EMPTY")]
    [InlineData("LINESTRING(107.08 10.34, 107.09 10.35, 107.1 10.351)")]
    [InlineData("POLYGON((106.6 10.7, 106.8 10.7, 106.8 10.9, 106.6 10.9, 106.6 10.7),(106.65 10.75, 106.7 10.75, 106.7 10.8, 106.65 10.8, 106.65 10.75))")]
    [InlineData("POLYGON((106.6 10.7, 106.6 10.9, 106.8 10.9, 106.8 10.7, 106.6 10.7))")] // wound clockwise
    [InlineData("MULTIPOINT((107.08 10.34), (107.09 10.35))")]
    [InlineData("MULTILINESTRING((107.08 10.34, 107.09 10.35), (107.1 10.36, 107.11 10.37))")]
    [InlineData("MULTIPOLYGON(((107.0 10.3, 107.1 10.3, 107.1 10.4, 107.0 10.3)),((108.0 16.0, 108.3 16.0, 108.3 16.2, 108.0 16.2, 108.0 16.0)))")]
    [InlineData("GEOMETRYCOLLECTION(POINT(107.08 10.34), LINESTRING(107.08 10.34, 107.09 10.35))")]
    public void Writes_what_the_scalar_writes(string wkt)
    {
        var geometry = new WKTReader().Read(wkt);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) GeoJsonWriter.Write(json, geometry);
        var ours = JsonNode.Parse(buffer.ToArray());
        var scalar = JsonNode.Parse(JsonSerializer.Serialize(geometry, GeoJsonGraphType.Json));
        Assert.True(JsonNode.DeepEquals(scalar, ours), $"scalar {scalar?.ToJsonString()}\nours   {ours?.ToJsonString()}");
    }
}
