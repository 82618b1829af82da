using NetTopologySuite.Geometries;

namespace DtHub.Api.GraphQL.Spatial;

/// <summary>A boundary simplified by PostgreSQL (ST_SimplifyPreserveTopology), with the tolerance in metres it was asked for.</summary>
public sealed record SimplifiedShape(Geometry Shape, double ToleranceMetres);
