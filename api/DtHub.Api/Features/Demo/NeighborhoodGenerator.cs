using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Labelled-synthetic neighbourhoods (khu phố) and hamlets (thôn): each ward is split into 4–8 Voronoi regions
/// of well-spread random points, and its population is shared among them.
/// </summary>
internal static class NeighborhoodGenerator
{
    /// <summary>Roughly one neighbourhood per 3,000 residents, within 4–8 per ward.</summary>
    private const double ResidentsPerNeighborhood = 3_000;

    public static List<Neighborhood> Generate(IReadOnlyList<Ward> wards, IReadOnlyList<WardFigures> figures, DemoRandom random)
    {
        var result = new List<Neighborhood>();
        for (var w = 0; w < wards.Count; w++)
        {
            var ward = wards[w];
            var population = figures[w].Population
                ?? throw new InvalidOperationException($"{ward.Name} has no population in the June 2022 table; neighbourhood sizes need it.");
            var count = Math.Clamp((int)Math.Round(population / ResidentsPerNeighborhood, MidpointRounding.AwayFromZero), 4, 8);

            // Numbered from north-west to south-east, as a ward office might.
            var sites = SpreadSites(ward.Geometry, count, random)
                .OrderByDescending(c => Math.Round(c.Y, 3)).ThenBy(c => c.X).ToList();
            var regions = VoronoiPartition.Split(ward.Geometry, sites);
            var residents = Apportion.Split(population, regions.Select(r => DemoGeo.AreaSquareMetres(r) * random.Between(0.6, 1.4)).ToList());

            var hamlet = ward.Kind == WardKind.Xa;
            for (var i = 0; i < regions.Length; i++)
            {
                result.Add(new Neighborhood
                {
                    Id = result.Count + 1,
                    WardId = ward.Id,
                    Code = $"{ward.Code}-{(hamlet ? "TH" : "KP")}{i + 1:00}",
                    Name = $"{(hamlet ? "Thôn" : "Khu phố")} {i + 1}",
                    Kind = hamlet ? NeighborhoodKind.Thon : NeighborhoodKind.KhuPho,
                    Geometry = regions[i],
                    EstimatedResidents = residents[i],
                    ValidFrom = DemoClock.UnitsValidFrom,
                    IsSynthetic = true,
                    UpdatedAt = DemoClock.AsOf,
                });
            }
        }
        return result;
    }

    /// <summary>Random interior points kept apart, so no neighbourhood comes out as a sliver.</summary>
    private static List<Coordinate> SpreadSites(MultiPolygon area, int count, DemoRandom random)
    {
        var inside = PreparedGeometryFactory.Prepare(area);
        var spacing = 0.6 * Math.Sqrt(DemoGeo.AreaSquareMetres(area) / count);
        var sites = new List<Coordinate>();
        var rejected = 0;
        while (sites.Count < count)
        {
            var candidate = DemoGeo.RandomPointIn(inside, random);
            if (sites.TrueForAll(s => DemoGeo.DistanceMetres(s, candidate) >= spacing)) sites.Add(candidate);
            else if (++rejected % 100 == 0) spacing *= 0.9; // a narrow ward: relax the spacing
        }
        return sites;
    }
}
