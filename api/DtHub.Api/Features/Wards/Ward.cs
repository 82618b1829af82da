using System.ComponentModel.DataAnnotations.Schema;
using DtHub.Api.GraphQL.Spatial;
using DtHub.Api.Data;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Wards;

/// <summary>Whether a ward-level unit is an urban ward (phường) or a rural commune (xã).</summary>
public enum WardKind
{
    /// <summary>Phường: urban ward.</summary>
    Phuong,
    /// <summary>Xã: rural commune.</summary>
    Xa,
}

/// <summary>A ward or commune: the unit that reports monthly to the city.</summary>
public class Ward : IHasUpdatedAt
{
    public int Id { get; set; }

    /// <summary>Administrative code, unique among units valid at the same time.</summary>
    public required string Code { get; set; }

    /// <summary>Official Vietnamese name, e.g. "Phường Thắng Nhì".</summary>
    public required string Name { get; set; }

    public WardKind Kind { get; set; }

    /// <summary>Boundary, SRID 4326.</summary>
    public required MultiPolygon Geometry { get; set; }

    /// <summary>The boundary as simplified by PostgreSQL for a <c>geometry(simplify:)</c> selection (not a column).</summary>
    [NotMapped]
    public SimplifiedShape? Simplified { get; set; }

    /// <summary>A point inside the ward where its label goes.</summary>
    public required Point LabelPoint { get; set; }

    /// <summary>First day the unit exists (inclusive).</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>Day after the unit's last day (exclusive); null while it exists.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>True when the geometry was generated for the demo, not surveyed.</summary>
    public bool IsSynthetic { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<WardLineage> Predecessors { get; set; } = [];
    public List<WardLineage> Successors { get; set; } = [];
}

/// <summary>How a unit came from another one.</summary>
public enum LineageChange
{
    /// <summary>The predecessor was merged (with others) into the successor.</summary>
    Merge,
    /// <summary>The predecessor was split; the successor holds part of it.</summary>
    Split,
    /// <summary>Same territory, new name or code.</summary>
    Rename,
}

/// <summary>One edge of the history graph: figures of the predecessor roll up to the successor.</summary>
public class WardLineage
{
    public int Id { get; set; }
    public int PredecessorId { get; set; }
    public Ward? Predecessor { get; set; }
    public int SuccessorId { get; set; }
    public Ward? Successor { get; set; }
    public LineageChange Change { get; set; }
    public DateOnly EffectiveOn { get; set; }
}
