using System.ComponentModel.DataAnnotations.Schema;
using DtHub.Api.GraphQL.Spatial;
using DtHub.Api.Data;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Neighborhoods;

/// <summary>Kind of sub-ward unit.</summary>
public enum NeighborhoodKind
{
    /// <summary>Khu phố: urban neighbourhood.</summary>
    KhuPho,
    /// <summary>Thôn: rural hamlet.</summary>
    Thon,
    /// <summary>Ấp: hamlet (southern usage).</summary>
    Ap,
}

/// <summary>A neighbourhood or hamlet inside a ward.</summary>
public class Neighborhood : IHasUpdatedAt
{
    public int Id { get; set; }
    public int WardId { get; set; }
    public Ward? Ward { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public NeighborhoodKind Kind { get; set; }

    /// <summary>Boundary, SRID 4326; single polygons are stored as one-part multipolygons.</summary>
    public required MultiPolygon Geometry { get; set; }

    /// <summary>The boundary as simplified by PostgreSQL for a <c>geometry(simplify:)</c> selection (not a column).</summary>
    [NotMapped]
    public SimplifiedShape? Simplified { get; set; }

    /// <summary>Estimated residents, used to spread ward figures over the map.</summary>
    public int? EstimatedResidents { get; set; }

    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<NeighborhoodLineage> Predecessors { get; set; } = [];
    public List<NeighborhoodLineage> Successors { get; set; } = [];
}

/// <summary>One edge of the neighbourhood history graph.</summary>
public class NeighborhoodLineage
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public Neighborhood? Predecessor { get; set; }
    public int SuccessorId { get; set; }
    public Neighborhood? Successor { get; set; }
    public LineageChange Change { get; set; }
    public DateOnly EffectiveOn { get; set; }
}
