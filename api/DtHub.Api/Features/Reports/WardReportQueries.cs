using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;

namespace DtHub.Api.Features.Reports;

/// <summary>Root fields for ward reports.</summary>
public sealed class WardReportQueries(WardReportQueryModel model) : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Connection<object?, WardReportGraphType, WardReport, WardReportFilterInputType, WardReportSortInputType>("wardReports",
                "Current monthly ward reports (superseded versions are kept as history, not listed).")
            .ResolveRows(model, db => db.WardReports.Where(r => r.SupersededAt == null));

    public static INodeSource Node() => new NodeSource<WardReport>("WardReport",
        (c, id) => EntityLookup.Load(c, id, "WardReport", db => db.WardReports, r => r.Id));
}

public static class ReportModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<WardReportQueryModel>();
        services.AddSingleton<IQueryFields, WardReportQueries>();
        services.AddSingleton(WardReportQueries.Node());
        services.AddSingleton<IMutationFields, WardReportMutations>();
        return services;
    }
}
