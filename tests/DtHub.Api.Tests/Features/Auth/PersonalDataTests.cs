using System.Text.Json;
using DtHub.Api.Features.Auth;
using DtHub.Api.Tests.Infrastructure;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>Team members' contacts: admins and the officers of the team's ward see them; everyone else gets null and an error entry.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class PersonalDataTests(HubDatabase hub)
{
    private const string Query = "query($id: ID!) { node(id: $id) { ... on TeamMember { role contact { fullName phone } } } }";

    [Theory]
    [InlineData(HubRoles.Admin, null, true)]
    [InlineData(HubRoles.WardOfficer, "W01", true)]
    [InlineData(HubRoles.WardOfficer, "E01", false)]
    [InlineData(HubRoles.Leader, null, false)]
    [InlineData(HubRoles.Planner, null, false)]
    [InlineData(null, null, false)]
    public async Task Contact_is_shown_only_to_admins_and_the_officers_of_the_teams_ward(string? role, string? ward, bool sees)
    {
        var world = await AccessWorld.SeedAsync(hub);
        var token = role is null ? null : AccessTokens.For(hub.Api, role, ward);
        var result = await hub.Api.ExecuteAsAsync(token, Query, new { id = world.West.Member });
        var member = result.GetProperty("data").GetProperty("node");
        Assert.Equal("LEADER", member.GetProperty("role").GetString());
        if (sees)
        {
            Assert.Equal("Tổ trưởng W01", member.GetProperty("contact").GetProperty("fullName").GetString());
            Assert.False(result.TryGetProperty("errors", out _));
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, member.GetProperty("contact").ValueKind);
            var error = result.GetProperty("errors")[0];
            Assert.Equal("AUTHORIZATION", error.GetProperty("extensions").GetProperty("code").GetString());
            Assert.Equal("contact", error.GetProperty("path").EnumerateArray().Last().GetString());
        }
    }

    [Fact]
    public async Task An_officer_listing_every_team_sees_their_wards_contacts_only()
    {
        await AccessWorld.SeedAsync(hub);
        var result = await hub.Api.ExecuteAsAsync(AccessTokens.For(hub.Api, HubRoles.WardOfficer, "W01"),
            "{ teams(first: 10) { nodes { ward { code } members(first: 5) { nodes { contact { fullName } } } } } }");
        var seen = result.GetProperty("data").GetProperty("teams").GetProperty("nodes").EnumerateArray()
            .SelectMany(t => t.GetProperty("members").GetProperty("nodes").EnumerateArray()
                .Select(m => (Ward: t.GetProperty("ward").GetProperty("code").GetString(), Visible: m.GetProperty("contact").ValueKind != JsonValueKind.Null)))
            .ToList();
        Assert.Contains(("W01", true), seen);
        Assert.Contains(("E01", false), seen);
        Assert.DoesNotContain(("E01", true), seen);
        Assert.DoesNotContain(("W01", false), seen);
    }
}
