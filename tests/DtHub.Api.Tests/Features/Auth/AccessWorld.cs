using DtHub.Api.Data;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Teams;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.Tests.GraphQL;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Tests.Features.Auth;

/// <summary>
/// The two-ward fixture (W01 west, E01 east) plus, in each ward, one row of every kind a ward officer maintains,
/// so every mutation has an own-ward and an other-ward target. Ids are global ids.
/// </summary>
internal sealed class AccessWorld
{
    public required WardRows West { get; init; }
    public required WardRows East { get; init; }

    public WardRows this[string code] => code == "W01" ? West : East;

    public sealed record WardRows(string Code, string WardId, double Lon, string Merchant, string Wifi, string Street, string Team, string SpareTeam, string Member);

    private static readonly GeometryFactory Geo = new(new PrecisionModel(), SpatialConventions.Srid);

    public static async Task<AccessWorld> SeedAsync(HubDatabase hub)
    {
        await hub.UseEmptyAsync();
        await using var db = hub.CreateContext();
        await TwoWardFixture.SeedAsync(db);
        return new AccessWorld { West = await RowsAsync(db, "W01", 107.005), East = await RowsAsync(db, "E01", 107.015) };
    }

    private static async Task<WardRows> RowsAsync(HubDbContext db, string code, double lon)
    {
        var ward = await db.Wards.SingleAsync(w => w.Code == code);
        var now = DateTimeOffset.UtcNow;
        var street = new ModelStreet
        {
            Name = $"Đường {code}",
            WardId = ward.Id,
            Geometry = Geo.CreateMultiLineString([Geo.CreateLineString([new(lon - 0.002, 10.303), new(lon + 0.002, 10.307)])]),
            DesignatedOn = new DateOnly(2023, 1, 1),
            UpdatedAt = now,
        };
        var team = new Team { Name = $"Tổ CNS {code}", WardId = ward.Id, Level = TeamLevel.Ward, FoundedOn = new DateOnly(2022, 1, 1), UpdatedAt = now };
        var spare = new Team { Name = $"Tổ dự phòng {code}", WardId = ward.Id, Level = TeamLevel.Ward, FoundedOn = new DateOnly(2022, 1, 1), UpdatedAt = now };
        var member = new TeamMember { Team = team, Role = TeamRole.Leader, UpdatedAt = now, Contact = new TeamMemberContact { FullName = $"Tổ trưởng {code}", Phone = "0900 000 000" } };
        db.AddRange(street, team, spare, member);
        await db.SaveChangesAsync();
        var merchant = await db.Merchants.Where(m => m.WardId == ward.Id).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var wifi = await db.WifiPoints.Where(w => w.WardId == ward.Id).Select(w => w.Id).FirstAsync();
        return new WardRows(code, GlobalId.Encode("Ward", ward.Id), lon,
            GlobalId.Encode("Merchant", merchant), GlobalId.Encode("WifiPoint", wifi), GlobalId.Encode("ModelStreet", street.Id),
            GlobalId.Encode("Team", team.Id), GlobalId.Encode("Team", spare.Id), GlobalId.Encode("TeamMember", member.Id));
    }

    public static object Point(double lon) => new { type = "Point", coordinates = new[] { lon, 10.305 } };
}
