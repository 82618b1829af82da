using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>Every write is in the audit log with who, what and the row before and after; refusals too; admins read it.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AuditLogTests(HubDatabase hub) : IAsyncLifetime
{
    private const string AuditQuery = """
        query($where: AuditLogFilter) { auditLog(first: 20, where: $where) { nodes { actor action entity entityId allowed before after reason } pageInfo { hasNextPage endCursor } } }
        """;

    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await AccessWorld.SeedAsync(hub);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement[]> AuditAsync(object where)
    {
        var result = await hub.Api.ExecuteAsAdminAsync(AuditQuery, new { where });
        return result.GetProperty("data").GetProperty("auditLog").GetProperty("nodes").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Officers_update_is_recorded_with_who_and_the_row_before_and_after()
    {
        var officer = AccessTokens.For(hub.Api, HubRoles.WardOfficer, "W01");
        await hub.Api.ExecuteAsAsync(officer, "mutation($id: ID!) { updateMerchant(input: { id: $id, name: \"Quán Mới Tên\" }) { errors { code } } }", new { id = _world.West.Merchant });

        var entry = Assert.Single(await AuditAsync(new { entity = "merchants", allowed = true, actor = "ward_officer" }));
        Assert.Equal("UPDATE", entry.GetProperty("action").GetString());
        Assert.Equal("user:test-ward_officer (ward_officer, ward W01)", entry.GetProperty("actor").GetString());
        var before = JsonDocument.Parse(entry.GetProperty("before").GetString()!).RootElement;
        var after = JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement;
        Assert.Equal("Quán Thắng Nhì", before.GetProperty("name").GetString());
        Assert.Equal("Quán Mới Tên", after.GetProperty("name").GetString());
        Assert.Equal("Point", after.GetProperty("location").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Delete_is_recorded_with_the_row_it_removed()
    {
        await hub.Api.ExecuteAsAdminAsync("mutation($id: ID!) { deleteWifiPoint(input: { id: $id }) { errors { code } } }", new { id = _world.East.Wifi });
        var entry = Assert.Single(await AuditAsync(new { entity = "wifi_points", allowed = true, actor = "admin" }));
        Assert.Equal("DELETE", entry.GetProperty("action").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("after").ValueKind);
        Assert.Equal("Công viên", JsonDocument.Parse(entry.GetProperty("before").GetString()!).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Refused_write_is_recorded_with_the_reason()
    {
        await hub.Api.ExecuteAsAsync(AccessTokens.For(hub.Api, HubRoles.Leader), "mutation($id: ID!) { deleteMerchant(input: { id: $id }) { errors { code } } }", new { id = _world.West.Merchant });
        var entry = Assert.Single(await AuditAsync(new { allowed = false }));
        Assert.Equal("deleteMerchant", entry.GetProperty("action").GetString());
        Assert.StartsWith("user:test-leader", entry.GetProperty("actor").GetString(), StringComparison.Ordinal);
        Assert.Contains("reads only", entry.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_outside_a_request_are_recorded_as_the_system()
    {
        var entries = await AuditAsync(new { entity = "wards" });
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.StartsWith("system:", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_log_pages_newest_first()
    {
        var first = (await hub.Api.ExecuteAsAdminAsync("{ auditLog(first: 2) { nodes { entity } pageInfo { hasNextPage endCursor } } }")).GetProperty("data").GetProperty("auditLog");
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        var next = await hub.Api.ExecuteAsAdminAsync("query($after: String) { auditLog(first: 2, after: $after) { nodes { entity } } }",
            new { after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() });
        Assert.Equal(2, next.GetProperty("data").GetProperty("auditLog").GetProperty("nodes").GetArrayLength());
    }

    [Theory]
    [InlineData(HubRoles.Leader)]
    [InlineData(HubRoles.Planner)]
    [InlineData(HubRoles.WardOfficer)]
    public async Task Only_admins_read_the_audit_log(string role)
    {
        var result = await hub.Api.ExecuteAsAsync(AccessTokens.For(hub.Api, role, "W01"), "{ auditLog(first: 5) { nodes { actor } } }");
        Assert.Equal(JsonValueKind.Null, result.GetProperty("data").GetProperty("auditLog").ValueKind);
        Assert.Equal("AUTHORIZATION", result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }
}
