using System.Text.Json;
using DtHub.Api.Tests.Features.Auth;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Tests.GraphQL;

/// <summary>The entities a ward officer maintains besides merchants: Wi-Fi, model streets, teams and members, monthly reports.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class OfficerMutationTests(HubDatabase hub) : IAsyncLifetime
{
    private string _westWardId = "";

    public async Task InitializeAsync()
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
        var wards = await hub.Api.ExecuteAsAdminAsync("{ wards(where: { code: { eq: \"W01\" } }) { nodes { id } } }");
        _westWardId = wards.GetProperty("data").GetProperty("wards").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wifi_point_radius_out_of_range_is_refused_with_the_field_named()
    {
        var result = await hub.Api.ExecuteAsAdminAsync("""
            mutation($in: CreateWifiPointInput!) { createWifiPoint(input: $in) { wifiPoint { id } errors { code field } } }
            """, new { @in = new { name = "Bãi Trước", radiusMeters = 0, location = new { type = "Point", coordinates = new[] { 107.005, 10.305 } } } });
        var error = result.GetProperty("data").GetProperty("createWifiPoint").GetProperty("errors")[0];
        Assert.Equal(("OUT_OF_RANGE", "radiusMeters"), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Model_street_takes_a_linestring_and_derives_its_ward()
    {
        var result = await hub.Api.ExecuteAsAdminAsync("""
            mutation($in: CreateModelStreetInput!) { createModelStreet(input: $in) { modelStreet { name ward { code } geometry } errors { code } } }
            """, new { @in = new { name = "Đường Hạ Long", geometry = new { type = "LineString", coordinates = new[] { new[] { 107.011, 10.305 }, new[] { 107.018, 10.306 } } } } });
        var street = result.GetProperty("data").GetProperty("createModelStreet").GetProperty("modelStreet");
        Assert.Equal("E01", street.GetProperty("ward").GetProperty("code").GetString());
        Assert.Equal("MultiLineString", street.GetProperty("geometry").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Team_member_contact_is_stored_apart_and_not_shown_without_the_right_role()
    {
        var team = await hub.Api.ExecuteAsAdminAsync("""
            mutation($ward: ID!) { createTeam(input: { name: "Tổ CNS phường", wardId: $ward }) { team { id level } errors { code } } }
            """, new { ward = _westWardId });
        var teamId = team.GetProperty("data").GetProperty("createTeam").GetProperty("team").GetProperty("id").GetString();

        var member = await hub.Api.ExecuteAsAdminAsync("""
            mutation($team: ID!) { createTeamMember(input: { teamId: $team, role: LEADER, fullName: "Nguyễn Văn A", phone: "0900 000 001" }) {
              teamMember { id role } errors { code } } }
            """, new { team = teamId });
        var created = member.GetProperty("data").GetProperty("createTeamMember").GetProperty("teamMember");
        Assert.Equal("LEADER", created.GetProperty("role").GetString());

        var asLeader = await hub.Api.ExecuteAsAsync(AccessTokens.For(hub.Api, "leader"),
            "query($id: ID!) { node(id: $id) { ... on TeamMember { role contact { fullName } } } }", new { id = created.GetProperty("id").GetString() });
        Assert.Equal(JsonValueKind.Null, asLeader.GetProperty("data").GetProperty("node").GetProperty("contact").ValueKind);
        Assert.Equal("AUTHORIZATION", asLeader.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());

        await using var db = hub.CreateContext();
        Assert.Equal("0900 000 001", (await db.TeamMemberContacts.SingleAsync()).Phone);
    }

    [Fact]
    public async Task Team_needs_exactly_one_of_ward_or_neighborhood()
    {
        var result = await hub.Api.ExecuteAsAdminAsync("mutation { createTeam(input: { name: \"Tổ\" }) { team { id } errors { code field } } }");
        Assert.Equal("INVALID_VALUE", result.GetProperty("data").GetProperty("createTeam").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Resubmitted_report_supersedes_the_first_and_history_keeps_both()
    {
        const string submit = """
            mutation($in: SubmitWardReportInput!) { submitWardReport(input: $in) { report { month accountHolders15Plus qualityFlags } errors { code } } }
            """;
        await hub.Api.ExecuteAsAdminAsync(submit, new { @in = new { wardId = _westWardId, month = "2023-01", population = 400, residents15Plus = 300, accountHolders15Plus = 310 } });
        var second = await hub.Api.ExecuteAsAdminAsync(submit, new { @in = new { wardId = _westWardId, month = "2023-01", households = 90, population = 400, residents15Plus = 300, accountHolders15Plus = 220 } });
        var report = second.GetProperty("data").GetProperty("submitWardReport").GetProperty("report");
        Assert.Equal(220, report.GetProperty("accountHolders15Plus").GetInt32());
        Assert.Empty(report.GetProperty("qualityFlags").EnumerateArray());

        var current = await hub.Api.ExecuteAsAdminAsync("""{ wardReports(where: { month: { eq: "2023-01" } }) { totalCount nodes { accountHolders15Plus } } }""");
        Assert.Equal(1, current.GetProperty("data").GetProperty("wardReports").GetProperty("totalCount").GetInt32());
        await using var db = hub.CreateContext();
        Assert.Equal(2, await db.WardReports.CountAsync(r => r.Month == new DateOnly(2023, 1, 1)));
    }
}
