using DtHub.Api.Data;
using DtHub.Api.GraphQL.Mutations;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Wards;

/// <summary>Derives the ward (and neighbourhood) of a location: nobody types a ward in, the map decides.</summary>
public static class WardLocator
{
    public sealed record Location(int WardId, int? NeighborhoodId);

    public static async Task<Location?> LocateAsync(HubDbContext db, Geometry geometry, CancellationToken cancellationToken)
    {
        var point = geometry as Point ?? geometry.InteriorPoint;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var wardId = await db.Wards
            .Where(w => (w.ValidTo == null || w.ValidTo > today) && w.Geometry.Covers(point))
            .OrderBy(w => w.Id).Select(w => (int?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (wardId is null) return null;
        var neighborhoodId = await db.Neighborhoods
            .Where(n => n.WardId == wardId && (n.ValidTo == null || n.ValidTo > today) && n.Geometry.Covers(point))
            .OrderBy(n => n.Id).Select(n => (int?)n.Id).FirstOrDefaultAsync(cancellationToken);
        return new Location(wardId.Value, neighborhoodId);
    }

    public static MutationError OutsideWards(string field) =>
        new("OUTSIDE_WARDS", field, $"{field} lies outside every ward of the city; check longitude/latitude order ([lon, lat]).");
}
