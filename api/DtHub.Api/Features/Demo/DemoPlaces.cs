using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// The generated wards and neighbourhoods, prepared for "which unit holds this point": the generator places
/// every merchant and Wi-Fi point itself, so it derives their ward and neighbourhood by containment as it goes.
/// </summary>
internal sealed class DemoPlaces
{
    private readonly Dictionary<int, IPreparedGeometry> _wardShapes;
    private readonly Dictionary<int, IPreparedGeometry> _neighborhoodShapes;
    private readonly Dictionary<int, List<Neighborhood>> _neighborhoodsByWard;

    public DemoPlaces(IReadOnlyList<Ward> wards, IReadOnlyList<Neighborhood> neighborhoods)
    {
        Wards = wards;
        _wardShapes = wards.ToDictionary(w => w.Id, w => PreparedGeometryFactory.Prepare(w.Geometry));
        _neighborhoodShapes = neighborhoods.ToDictionary(n => n.Id, n => PreparedGeometryFactory.Prepare(n.Geometry));
        _neighborhoodsByWard = wards.ToDictionary(w => w.Id, w => neighborhoods.Where(n => n.WardId == w.Id).ToList());
    }

    public IReadOnlyList<Ward> Wards { get; }

    public Ward Ward(string name) => Wards.Single(w => w.Name == name);

    public IPreparedGeometry Shape(Ward ward) => _wardShapes[ward.Id];

    public IPreparedGeometry Shape(Neighborhood neighborhood) => _neighborhoodShapes[neighborhood.Id];

    public IReadOnlyList<Neighborhood> NeighborhoodsOf(Ward ward) => _neighborhoodsByWard[ward.Id];

    /// <summary>True when the point lies strictly inside the ward (not on its boundary).</summary>
    public bool Inside(Ward ward, Coordinate c) => _wardShapes[ward.Id].ContainsProperly(DemoGeo.Factory.CreatePoint(c));

    /// <summary>The neighbourhood of <paramref name="ward"/> strictly containing the point, if any.</summary>
    public Neighborhood? NeighborhoodAt(Ward ward, Coordinate c)
    {
        var point = DemoGeo.Factory.CreatePoint(c);
        return _neighborhoodsByWard[ward.Id].FirstOrDefault(n => _neighborhoodShapes[n.Id].ContainsProperly(point));
    }

    /// <summary>A neighbourhood drawn in proportion to its residents, then a point inside it.</summary>
    public (Neighborhood Neighborhood, Coordinate Point) RandomHome(Ward ward, DemoRandom random)
    {
        var neighborhoods = _neighborhoodsByWard[ward.Id];
        var neighborhood = neighborhoods[random.PickWeighted(neighborhoods.Select(n => (double)(n.EstimatedResidents ?? 1)).ToList())];
        return (neighborhood, DemoGeo.RandomPointIn(_neighborhoodShapes[neighborhood.Id], random));
    }
}
