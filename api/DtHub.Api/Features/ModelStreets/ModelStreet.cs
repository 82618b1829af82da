using DtHub.Api.Data;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.ModelStreets;

/// <summary>A model street (tuyến đường kiểu mẫu): every business on it should accept QR.</summary>
public class ModelStreet : IHasUpdatedAt
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int WardId { get; set; }
    public Ward? Ward { get; set; }

    /// <summary>Centre line, SRID 4326; single lines are stored as one-part multilines.</summary>
    public required MultiLineString Geometry { get; set; }

    public DateOnly DesignatedOn { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
