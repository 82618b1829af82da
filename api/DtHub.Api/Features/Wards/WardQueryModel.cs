using DtHub.Api.GraphQL.Filtering;
using System.Linq.Expressions;

namespace DtHub.Api.Features.Wards;

/// <summary>What wards can be filtered and sorted by.</summary>
public sealed class WardQueryModel : QueryModel<Ward>
{
    public WardQueryModel() : base("Ward")
    {
        CodeField("code", w => w.Code);
        Field("name", w => w.Name);
        EnumField<WardKind, WardKindGraphType>("kind", w => w.Kind);
        Field("geometry", w => w.Geometry);
        Field("validFrom", w => w.ValidFrom);
        Field("validTo", w => w.ValidTo);
        Field("isSynthetic", w => w.IsSynthetic);
        Field("updatedAt", w => w.UpdatedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<Ward, int>>)(w => w.Id);
}

public sealed class WardFilterInputType(WardQueryModel model) : FilterInputGraphType<Ward>(model);

public sealed class WardSortInputType(WardQueryModel model) : SortInputGraphType<Ward>(model);
