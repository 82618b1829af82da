using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Demo ward polygons: Voronoi cells of the wards' seed points, clipped to the city outline. Each part of the
/// outline (the peninsula, Long Sơn island) is split among the seeds that lie in it, so no ward is handed a
/// stray piece across the water.
/// </summary>
internal static class WardGeometryBuilder
{
    public static MultiPolygon[] Build(MultiPolygon outline, IReadOnlyList<(string Name, Point Seed)> seeds)
    {
        if (!outline.IsValid) throw new InvalidOperationException("The city outline is not a valid MultiPolygon.");
        var parts = Enumerable.Range(0, outline.NumGeometries).Select(i => (Polygon)outline.GetGeometryN(i)).ToArray();
        var preparedParts = parts.Select(PreparedGeometryFactory.Prepare).ToArray();

        var partOfSeed = seeds.Select(s =>
        {
            var containing = Enumerable.Range(0, parts.Length).Where(i => preparedParts[i].ContainsProperly(s.Seed)).ToList();
            return containing.Count == 1
                ? containing[0]
                : throw new InvalidOperationException($"The seed point of {s.Name} ({s.Seed.X}, {s.Seed.Y}) is not inside the city outline.");
        }).ToArray();

        var result = new MultiPolygon[seeds.Count];
        for (var part = 0; part < parts.Length; part++)
        {
            var members = Enumerable.Range(0, seeds.Count).Where(i => partOfSeed[i] == part).ToList();
            if (members.Count == 0) throw new InvalidOperationException($"Part {part + 1} of the city outline holds no ward seed point.");
            var regions = VoronoiPartition.Split(parts[part], members.Select(i => seeds[i].Seed.Coordinate).ToList());
            for (var k = 0; k < members.Count; k++) result[members[k]] = regions[k];
        }

        for (var i = 0; i < seeds.Count; i++)
        {
            if (!result[i].IsValid) throw new InvalidOperationException($"The generated polygon of {seeds[i].Name} is not valid.");
            // Cannot happen for a Voronoi cell, but the label point's promise is checked, not assumed.
            if (!result[i].Contains(seeds[i].Seed))
                throw new InvalidOperationException($"The generated polygon of {seeds[i].Name} does not contain its seed point.");
        }
        return result;
    }
}
