using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Tiles;

/// <summary>Tiles over the Vũng Tàu demo data: what the map's merchant layer receives.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoTileTests(HubDatabase hub)
{
    [Fact]
    public async Task Merchant_tile_over_Vung_Tau_holds_every_demo_merchant_inside_it()
    {
        await hub.UseDemoDataAsync();
        // Zoom 13 around Bãi Trước: a few kilometres of the peninsula's dense south end.
        const int z = 13, x = 6532, y = 3859;
        await using var count = hub.DataSource.CreateCommand("""
            SELECT array_agg(id ORDER BY id) FROM merchants
            WHERE location && ST_Transform(ST_TileEnvelope(@z, @x, @y), 4326)
            """);
        count.Parameters.AddWithValue("z", z);
        count.Parameters.AddWithValue("x", x);
        count.Parameters.AddWithValue("y", y);
        var expected = (long[])(await count.ExecuteScalarAsync())!;
        using var http = hub.Api.CreateClient();

        var tile = VectorTile.Decode(await http.GetByteArrayAsync($"/tiles/merchants/{z}/{x}/{y}.mvt"));

        Assert.True(expected.Length > 10, $"the demo has merchants in this tile (found {expected.Length})");
        var layer = Assert.Single(tile.Layers);
        Assert.Equal(expected.Select(id => (ulong)id), layer.Features.Select(f => f.Id).Order());
        Assert.All(layer.Features, f => Assert.IsType<bool>(f.Attributes["accepts_qr"]));
    }
}
