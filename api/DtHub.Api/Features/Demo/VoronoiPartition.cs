using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Splits an area into one region per site: each region is the part of the area nearer to its site than to
/// any other (a Voronoi diagram clipped to the area).
/// </summary>
/// <remarks>
/// Clipping each cell separately computes the shared edges twice, and the two results can differ in the last
/// bit, leaving slivers of overlap. Instead, all cell edges and the area's boundary are noded once on a fixed
/// grid and polygonised; every face then goes to its nearest site. Neighbouring regions share the very same
/// edges, so they never overlap, and together they cover the area up to the grid size.
/// </remarks>
internal static class VoronoiPartition
{
    public static MultiPolygon[] Split(Geometry area, IReadOnlyList<Coordinate> sites)
    {
        if (sites.Count == 0) throw new ArgumentException("At least one site is needed.", nameof(sites));
        if (sites.Count == 1) return [DemoGeo.AsMultiPolygon(OverlayNGRobust.Union(area))];

        var clip = new Envelope(area.EnvelopeInternal);
        clip.ExpandBy(Math.Max(clip.Width, clip.Height));
        var voronoi = new VoronoiDiagramBuilder { ClipEnvelope = clip };
        voronoi.SetSites(sites.ToList());
        var cells = voronoi.GetDiagram(DemoGeo.Factory);

        var edges = new List<Geometry> { area.Boundary };
        for (var i = 0; i < cells.NumGeometries; i++) edges.Add(cells.GetGeometryN(i).Boundary);
        var noded = UnaryUnionNG.Union(DemoGeo.Factory.BuildGeometry(edges), DemoGeo.Grid);

        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var inside = PreparedGeometryFactory.Prepare(area);
        var faces = sites.Select(_ => new List<Geometry>()).ToArray();
        foreach (var face in polygonizer.GetPolygons())
        {
            var probe = face.InteriorPoint;
            if (!inside.Contains(probe)) continue;
            faces[Nearest(sites, probe.Coordinate)].Add(face);
        }

        return faces.Select((parts, i) => parts.Count == 0
                ? throw new InvalidOperationException($"Site {i} ({sites[i]}) received no part of the area.")
                : DemoGeo.AsMultiPolygon(UnaryUnionNG.Union(DemoGeo.Factory.BuildGeometry(parts), DemoGeo.Grid)))
            .ToArray();
    }

    private static int Nearest(IReadOnlyList<Coordinate> sites, Coordinate p)
    {
        var best = 0;
        for (var i = 1; i < sites.Count; i++)
            if (sites[i].Distance(p) < sites[best].Distance(p)) best = i;
        return best;
    }
}
