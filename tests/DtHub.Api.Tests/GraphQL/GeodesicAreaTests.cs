using DtHub.Api.GraphQL.Spatial;
using DtHub.Api.Tests.Infrastructure;
using NetTopologySuite.IO;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>The API refuses absurd search areas by its own spherical area; PostGIS's ellipsoidal area is the reference.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class GeodesicAreaTests(HubDatabase hub)
{
    [Theory]
    [InlineData("POLYGON((107.05 10.32, 107.10 10.32, 107.10 10.37, 107.05 10.37, 107.05 10.32))")] // a Vũng Tàu box, ~30 km²
    [InlineData("POLYGON((105.5 20.9, 106.2 20.9, 106.2 21.3, 105.5 21.3, 105.5 20.9))")] // ~3,200 km² near Hà Nội
    [InlineData("POLYGON((100 5, 110 5, 110 20, 100 20, 100 5))")] // the refused example of GapTests
    [InlineData("POLYGON((106.6 10.7, 106.8 10.7, 106.8 10.9, 106.6 10.9, 106.6 10.7),(106.65 10.75, 106.7 10.75, 106.7 10.8, 106.65 10.8, 106.65 10.75))")]
    [InlineData("MULTIPOLYGON(((107.0 10.3, 107.1 10.3, 107.1 10.4, 107.0 10.3)),((108.0 16.0, 108.3 16.0, 108.3 16.2, 108.0 16.2, 108.0 16.0)))")]
    public async Task Spherical_area_is_within_half_a_percent_of_PostGIS(string wkt)
    {
        var geometry = new WKTReader().Read(wkt);
        await using var command = hub.DataSource.CreateCommand("SELECT ST_Area(ST_GeomFromText(@wkt, 4326)::geography) / 1e6");
        command.Parameters.AddWithValue("wkt", wkt);
        var postgis = (double)(await command.ExecuteScalarAsync())!;
        var ours = Geodesic.AreaKm2(geometry);
        Assert.InRange(ours / postgis, 0.995, 1.005);
    }
}
