using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.ModelStreets;

/// <summary>What model streets can be filtered and sorted by.</summary>
public sealed class ModelStreetQueryModel : QueryModel<ModelStreet>
{
    public ModelStreetQueryModel() : base("ModelStreet")
    {
        Field("name", s => s.Name);
        Field("geometry", s => s.Geometry);
        Field("designatedOn", s => s.DesignatedOn);
        Field("isSynthetic", s => s.IsSynthetic);
        Field("updatedAt", s => s.UpdatedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<ModelStreet, int>>)(s => s.Id);
}

public sealed class ModelStreetFilterInputType(ModelStreetQueryModel model) : FilterInputGraphType<ModelStreet>(model);

public sealed class ModelStreetSortInputType(ModelStreetQueryModel model) : SortInputGraphType<ModelStreet>(model);
