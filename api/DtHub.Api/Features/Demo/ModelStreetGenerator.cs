using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Demo;

/// <summary>Two or three model streets per ward: gently bending centre lines of 300–800 m, well inside the ward.</summary>
internal static class ModelStreetGenerator
{
    /// <summary>Streets keep this far from each other, so a merchant belongs to one street only.</summary>
    public const double MinimumSpacingMetres = 150;

    public static List<ModelStreet> Generate(DemoPlaces places, DemoRandom random)
    {
        var names = DemoNames.StreetNames.ToList();
        random.Shuffle(names);
        var streets = new List<ModelStreet>();
        foreach (var ward in places.Wards)
        {
            var count = random.Next(2, 4);
            for (var i = 0; i < count; i++)
            {
                var name = names[streets.Count % names.Count];
                streets.Add(new ModelStreet
                {
                    Id = streets.Count + 1,
                    Name = name.StartsWith("Đường", StringComparison.Ordinal) ? name : $"Đường {name}",
                    WardId = ward.Id,
                    Geometry = DemoGeo.Factory.CreateMultiLineString([Draw(places, ward, streets, random)]),
                    DesignatedOn = random.DateBetween(new DateOnly(2022, 8, 1), new DateOnly(2023, 12, 31)),
                    IsSynthetic = true,
                    UpdatedAt = DemoClock.AsOf,
                });
            }
        }
        return streets;
    }

    private static LineString Draw(DemoPlaces places, Ward ward, List<ModelStreet> others, DemoRandom random)
    {
        var shape = places.Shape(ward);
        var boundary = ward.Geometry.Boundary;
        for (var attempt = 0; attempt < 5_000; attempt++)
        {
            var length = random.Between(300, 800);
            var segments = random.Next(2, 5);
            var (dx, dy) = RandomDirection(random);
            var points = new List<Coordinate> { DemoGeo.RandomPointIn(shape, random) };
            for (var s = 0; s < segments; s++)
            {
                // Bend by adding a little of the perpendicular; no trigonometry, so no platform-dependent rounding.
                var bend = random.Between(-0.35, 0.35);
                (dx, dy) = Normalise(dx - bend * dy, dy + bend * dx);
                points.Add(DemoGeo.Round(DemoGeo.Offset(points[^1], dx * length / segments, dy * length / segments)));
            }
            var line = DemoGeo.Factory.CreateLineString(points.ToArray());
            if (!shape.ContainsProperly(line)) continue;
            if (boundary.Distance(line) * DemoGeo.MetresPerDegreeLatitude < 40) continue;
            if (others.Exists(o => o.Geometry.Distance(line) * DemoGeo.MetresPerDegreeLatitude < MinimumSpacingMetres)) continue;
            return line;
        }
        throw new InvalidOperationException($"Could not fit a model street inside {ward.Name}.");
    }

    private static (double X, double Y) RandomDirection(DemoRandom random)
    {
        while (true)
        {
            var (x, y) = (random.Between(-1, 1), random.Between(-1, 1));
            var norm = x * x + y * y;
            if (norm is > 0.01 and <= 1) return Normalise(x, y);
        }
    }

    private static (double X, double Y) Normalise(double x, double y)
    {
        var norm = Math.Sqrt(x * x + y * y);
        return (x / norm, y / norm);
    }
}
