using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Npgsql;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>
/// Every role × every mutation × own/other ward, through real HTTP. A refused write answers FORBIDDEN in the
/// payload and leaves every table as it was; an allowed one answers without errors.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class RoleMatrixTests(HubDatabase hub)
{
    /// <summary>A caller of the matrix: how to get its token, and which target wards it may write.</summary>
    public sealed record Caller(string Name, string? Role, string? Ward)
    {
        public bool MayWrite(string targetWard) => Role == HubRoles.Admin || (Role == HubRoles.WardOfficer && Ward == targetWard);

        public override string ToString() => Name;
    }

    public static TheoryData<string> Callers() => new(CallerList.Select(c => c.Name));

    private static readonly Caller[] CallerList =
    [
        new("anonymous", null, null),
        new("leader", HubRoles.Leader, null),
        new("planner", HubRoles.Planner, null),
        new("officer of W01", HubRoles.WardOfficer, "W01"),
        new("officer without a ward", HubRoles.WardOfficer, null),
        new("admin", HubRoles.Admin, null),
    ];

    private sealed record MutationCase(string Mutation, string Query, Func<AccessWorld.WardRows, object> Input);

    /// <summary>Creates first, then updates, then deletes, so one world serves every case of a caller.</summary>
    private static readonly MutationCase[] Cases =
    [
        new("createMerchant", "mutation($in: CreateMerchantInput!) { createMerchant(input: $in) { merchant { id } errors { code field message } } }",
            w => new { name = "Quán mới", category = "RESTAURANT", location = AccessWorld.Point(w.Lon) }),
        new("createWifiPoint", "mutation($in: CreateWifiPointInput!) { createWifiPoint(input: $in) { wifiPoint { id } errors { code field message } } }",
            w => new { name = "Wi-Fi mới", radiusMeters = 50, location = AccessWorld.Point(w.Lon) }),
        new("createModelStreet", "mutation($in: CreateModelStreetInput!) { createModelStreet(input: $in) { modelStreet { id } errors { code field message } } }",
            w => new { name = "Đường mới", geometry = new { type = "LineString", coordinates = new[] { new[] { w.Lon - 0.001, 10.304 }, new[] { w.Lon + 0.001, 10.306 } } } }),
        new("createTeam", "mutation($in: CreateTeamInput!) { createTeam(input: $in) { team { id } errors { code field message } } }",
            w => new { name = "Tổ mới", wardId = w.WardId }),
        new("createTeamMember", "mutation($in: CreateTeamMemberInput!) { createTeamMember(input: $in) { teamMember { id } errors { code field message } } }",
            w => new { teamId = w.Team, role = "MEMBER", fullName = "Trần Thị B" }),
        new("submitWardReport", "mutation($in: SubmitWardReportInput!) { submitWardReport(input: $in) { report { month } errors { code field message } } }",
            w => new { wardId = w.WardId, month = "2023-03", population = 400, residents15Plus = 300, accountHolders15Plus = 200 }),
        new("updateMerchant", "mutation($in: UpdateMerchantInput!) { updateMerchant(input: $in) { merchant { id } errors { code field message } } }",
            w => new { id = w.Merchant, name = "Quán đổi tên" }),
        new("updateWifiPoint", "mutation($in: UpdateWifiPointInput!) { updateWifiPoint(input: $in) { wifiPoint { id } errors { code field message } } }",
            w => new { id = w.Wifi, name = "Wi-Fi đổi tên" }),
        new("updateModelStreet", "mutation($in: UpdateModelStreetInput!) { updateModelStreet(input: $in) { modelStreet { id } errors { code field message } } }",
            w => new { id = w.Street, name = "Đường đổi tên" }),
        new("updateTeam", "mutation($in: UpdateTeamInput!) { updateTeam(input: $in) { team { id } errors { code field message } } }",
            w => new { id = w.Team, name = "Tổ đổi tên" }),
        new("updateTeamMember", "mutation($in: UpdateTeamMemberInput!) { updateTeamMember(input: $in) { teamMember { id } errors { code field message } } }",
            w => new { id = w.Member, affiliation = "Hội Phụ nữ" }),
        new("deleteTeamMember", "mutation($in: DeleteInput!) { deleteTeamMember(input: $in) { deletedId errors { code field message } } }", w => new { id = w.Member }),
        new("deleteTeam", "mutation($in: DeleteInput!) { deleteTeam(input: $in) { deletedId errors { code field message } } }", w => new { id = w.SpareTeam }),
        new("deleteModelStreet", "mutation($in: DeleteInput!) { deleteModelStreet(input: $in) { deletedId errors { code field message } } }", w => new { id = w.Street }),
        new("deleteWifiPoint", "mutation($in: DeleteInput!) { deleteWifiPoint(input: $in) { deletedId errors { code field message } } }", w => new { id = w.Wifi }),
        new("deleteMerchant", "mutation($in: DeleteInput!) { deleteMerchant(input: $in) { deletedId errors { code field message } } }", w => new { id = w.Merchant }),
    ];

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Caller_writes_exactly_where_it_belongs(string callerName)
    {
        var caller = CallerList.Single(c => c.Name == callerName);
        var world = await AccessWorld.SeedAsync(hub);
        var token = caller.Role is null ? null : AccessTokens.For(hub.Api, caller.Role, caller.Ward);
        var wrong = new List<string>();

        foreach (var ward in new[] { "W01", "E01" })
        {
            foreach (var c in Cases)
            {
                var before = await FingerprintAsync();
                var (allowedBefore, refusedBefore) = await AuditCountsAsync();
                var result = await hub.Api.ExecuteAsAsync(token, c.Query, new { @in = c.Input(world[ward]) });
                var verdict = Verdict(result, c.Mutation);
                var expected = caller.MayWrite(ward) ? "allowed" : "FORBIDDEN";
                if (verdict != expected) wrong.Add($"{c.Mutation} in {ward}: expected {expected}, got {verdict}");
                if (expected == "FORBIDDEN" && await FingerprintAsync() != before) wrong.Add($"{c.Mutation} in {ward}: refused but the data changed");
                var (allowedAfter, refusedAfter) = await AuditCountsAsync();
                if (expected == "FORBIDDEN" && (refusedAfter != refusedBefore + 1 || allowedAfter != allowedBefore))
                    wrong.Add($"{c.Mutation} in {ward}: refusal not audited exactly once");
                if (expected == "allowed" && (allowedAfter <= allowedBefore || refusedAfter != refusedBefore))
                    wrong.Add($"{c.Mutation} in {ward}: allowed write not audited");
            }
        }
        Assert.True(wrong.Count == 0, $"{caller.Name}:\n" + string.Join("\n", wrong));
    }

    [Theory]
    [InlineData(HubRoles.WardOfficer, "FORBIDDEN")]
    [InlineData(HubRoles.Admin, "allowed")]
    public async Task Moving_a_merchant_into_another_ward_needs_both_wards(string role, string expected)
    {
        var world = await AccessWorld.SeedAsync(hub);
        var token = AccessTokens.For(hub.Api, role, role == HubRoles.WardOfficer ? "W01" : null);
        var result = await hub.Api.ExecuteAsAsync(token,
            "mutation($in: UpdateMerchantInput!) { updateMerchant(input: $in) { merchant { ward { code } } errors { code field message } } }",
            new { @in = new { id = world.West.Merchant, location = AccessWorld.Point(world.East.Lon) } });
        Assert.Equal(expected, Verdict(result, "updateMerchant"));
        if (expected == "FORBIDDEN")
            Assert.Equal("location", result.GetProperty("data").GetProperty("updateMerchant").GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Officer_cannot_pull_another_wards_merchant_into_their_own_ward()
    {
        var world = await AccessWorld.SeedAsync(hub);
        var result = await hub.Api.ExecuteAsAsync(AccessTokens.For(hub.Api, HubRoles.WardOfficer, "W01"),
            "mutation($in: UpdateMerchantInput!) { updateMerchant(input: $in) { merchant { id } errors { code field message } } }",
            new { @in = new { id = world.East.Merchant, location = AccessWorld.Point(world.West.Lon) } });
        Assert.Equal("FORBIDDEN", Verdict(result, "updateMerchant"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(HubRoles.Leader, false)]
    [InlineData(HubRoles.WardOfficer, false)]
    public async Task Only_planners_and_admins_queue_aggregate_refreshes(string? role, bool allowed)
    {
        await AccessWorld.SeedAsync(hub);
        var token = role is null ? null : AccessTokens.For(hub.Api, role, "W01");
        var result = await hub.Api.ExecuteAsAsync(token, "mutation { refreshAggregates { run { status } } }");
        Assert.Equal(allowed, !result.TryGetProperty("errors", out _));
        if (!allowed) Assert.Equal("AUTHORIZATION", result.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    private static string Verdict(JsonElement result, string mutation)
    {
        if (result.TryGetProperty("errors", out var errors)) return "GraphQL error: " + errors.GetRawText();
        var errorList = result.GetProperty("data").GetProperty(mutation).GetProperty("errors");
        if (errorList.GetArrayLength() == 0) return "allowed";
        var codes = errorList.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        return codes is ["FORBIDDEN"] ? "FORBIDDEN" : "errors " + errorList.GetRawText();
    }

    private async Task<(long Allowed, long Refused)> AuditCountsAsync()
    {
        await using var command = hub.DataSource.CreateCommand("SELECT count(*) FILTER (WHERE allowed), count(*) FILTER (WHERE NOT allowed) FROM audit_log");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>A digest of every table a mutation may touch.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var command = hub.DataSource.CreateCommand("""
            SELECT md5(string_agg(t, '|' ORDER BY t)) FROM (
              SELECT 'm' || row_to_json(x)::text AS t FROM merchants x UNION ALL
              SELECT 'w' || row_to_json(x)::text FROM wifi_points x UNION ALL
              SELECT 's' || row_to_json(x)::text FROM model_streets x UNION ALL
              SELECT 't' || row_to_json(x)::text FROM teams x UNION ALL
              SELECT 'p' || row_to_json(x)::text FROM team_members x UNION ALL
              SELECT 'c' || row_to_json(x)::text FROM team_member_contacts x UNION ALL
              SELECT 'r' || row_to_json(x)::text FROM ward_reports x) all_rows
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
