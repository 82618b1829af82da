using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.Neighborhoods;

/// <summary>What neighbourhoods can be filtered and sorted by.</summary>
public sealed class NeighborhoodQueryModel : QueryModel<Neighborhood>
{
    public NeighborhoodQueryModel() : base("Neighborhood")
    {
        CodeField("code", n => n.Code);
        Field("name", n => n.Name);
        EnumField<NeighborhoodKind, NeighborhoodKindGraphType>("kind", n => n.Kind);
        Field("geometry", n => n.Geometry);
        Field("estimatedResidents", n => n.EstimatedResidents);
        Field("validFrom", n => n.ValidFrom);
        Field("validTo", n => n.ValidTo);
        Field("isSynthetic", n => n.IsSynthetic);
        Field("updatedAt", n => n.UpdatedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<Neighborhood, int>>)(n => n.Id);
}

public sealed class NeighborhoodFilterInputType(NeighborhoodQueryModel model) : FilterInputGraphType<Neighborhood>(model);

public sealed class NeighborhoodSortInputType(NeighborhoodQueryModel model) : SortInputGraphType<Neighborhood>(model);
