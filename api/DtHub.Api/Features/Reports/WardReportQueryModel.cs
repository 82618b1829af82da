using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.Reports;

/// <summary>What ward reports can be filtered and sorted by.</summary>
public sealed class WardReportQueryModel : QueryModel<WardReport>
{
    public WardReportQueryModel() : base("WardReport")
    {
        MonthField("month", r => r.Month);
        Field("households", r => r.Households);
        Field("population", r => r.Population);
        Field("residents15Plus", r => r.Residents15Plus);
        Field("accountHolders15Plus", r => r.AccountHolders15Plus);
        Field("isSynthetic", r => r.IsSynthetic);
        Field("recordedAt", r => r.RecordedAt);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<WardReport, long>>)(r => r.Id);
}

public sealed class WardReportFilterInputType(WardReportQueryModel model) : FilterInputGraphType<WardReport>(model);

public sealed class WardReportSortInputType(WardReportQueryModel model) : SortInputGraphType<WardReport>(model);
