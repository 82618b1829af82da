using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.GraphQL;

[Collection(DatabaseCollection.Name)]
public sealed class MerchantMutationTests(HubDatabase hub) : IAsyncLifetime
{

    private const string Create = """
        mutation($in: CreateMerchantInput!) {
          createMerchant(input: $in) { merchant { id name category acceptsQr ward { name } }
                                       errors { code field message } } }
        """;

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Created_merchant_gets_its_ward_from_the_location()
    {
        var result = await hub.Api.ExecuteAsAdminAsync(Create, new
        {
            @in = new { name = "Quán Mới", category = "RESTAURANT", acceptsQr = true, location = Point(107.015, 10.305) },
        });
        var payload = result.GetProperty("data").GetProperty("createMerchant");
        Assert.Empty(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("Xã Long Sơn", payload.GetProperty("merchant").GetProperty("ward").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Location_outside_every_ward_is_a_typed_error_and_nothing_is_stored()
    {
        var result = await hub.Api.ExecuteAsAdminAsync(Create, new
        {
            @in = new { name = "Lạc đường", category = "HOTEL", location = Point(10.305, 107.015 - 100) },
        });
        var payload = result.GetProperty("data").GetProperty("createMerchant");
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("merchant").ValueKind);
        var error = Assert.Single(payload.GetProperty("errors").EnumerateArray());
        Assert.Equal("OUTSIDE_WARDS", error.GetProperty("code").GetString());
        Assert.Equal("location", error.GetProperty("field").GetString());
        await using var db = hub.CreateContext();
        Assert.Equal(5, db.Merchants.Count());
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var result = await hub.Api.ExecuteAsAdminAsync(Create, new
        {
            @in = new { name = new string('x', 301), category = "HOTEL", location = new { type = "LineString", coordinates = new[] { new[] { 107.0, 10.3 }, new[] { 107.01, 10.3 } } } },
        });
        var errors = result.GetProperty("data").GetProperty("createMerchant").GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([("TOO_LONG", "name"), ("INVALID_GEOMETRY", "location")], errors);
    }

    [Fact]
    public async Task Update_moves_a_merchant_to_another_ward_and_delete_removes_it()
    {
        var created = await hub.Api.ExecuteAsAdminAsync(Create, new { @in = new { name = "Quán", category = "RESTAURANT", location = Point(107.005, 10.305) } });
        var id = created.GetProperty("data").GetProperty("createMerchant").GetProperty("merchant").GetProperty("id").GetString();

        var updated = await hub.Api.ExecuteAsAdminAsync("""
            mutation($in: UpdateMerchantInput!) { updateMerchant(input: $in) { merchant { name acceptsQr ward { name } } errors { code } } }
            """, new { @in = new { id, location = Point(107.015, 10.305), acceptsQr = true } });
        var merchant = updated.GetProperty("data").GetProperty("updateMerchant").GetProperty("merchant");
        Assert.Equal("Quán", merchant.GetProperty("name").GetString());
        Assert.True(merchant.GetProperty("acceptsQr").GetBoolean());
        Assert.Equal("Xã Long Sơn", merchant.GetProperty("ward").GetProperty("name").GetString());

        var deleted = await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { deleteMerchant(input: { id: $id }) { deletedId errors { code } } }", new { id });
        Assert.Equal(id, deleted.GetProperty("data").GetProperty("deleteMerchant").GetProperty("deletedId").GetString());
        var again = await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { deleteMerchant(input: { id: $id }) { deletedId errors { code } } }", new { id });
        Assert.Equal("NOT_FOUND", again.GetProperty("data").GetProperty("deleteMerchant").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    private static object Point(double lon, double lat) => new { type = "Point", coordinates = new[] { lon, lat } };
}
