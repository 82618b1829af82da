using DtHub.Api.Features.Aggregates;
using DtHub.Api.Features.Aggregates.GraphQL;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Choropleth;

/// <summary>The answer of <c>choropleth</c>.</summary>
public sealed class ChoroplethGraphType : ObjectGraphType<ChoroplethAnswer>
{
    public ChoroplethGraphType()
    {
        Name = "Choropleth";
        Description = "One indicator's value for every current ward, in one list: what the map colours its ward tiles with (joined on code).";
        Field<MonthGraphType>("month").Description("The month of the values: the one asked for, else the latest with account-ownership figures; null before the first aggregate refresh.")
            .Resolve(c => c.Source.Month);
        Field<NonNullGraphType<AggregateIndicatorGraphType>>("indicator").Description("The indicator.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChoroplethValueGraphType>>>>("wards")
            .Description("Wards that have a value; a ward missing here has no figure for the month.").Resolve(c => c.Source.Wards);
    }
}

/// <summary>A ward's value in <c>choropleth</c>.</summary>
public sealed class ChoroplethValueGraphType : ObjectGraphType<ChoroplethValue>
{
    public ChoroplethValueGraphType()
    {
        Name = "ChoroplethValue";
        Description = "A ward's value, by the code its map tile features carry.";
        Field(v => v.Code).Description("The ward's administrative code (property \"code\" of the wards tile layer).");
        Field(v => v.Value).Description("The value, a fraction 0–1.");
    }
}

/// <summary>Root field <c>choropleth</c>.</summary>
public sealed class ChoroplethQueryFields : IQueryFields
{
    public void AddTo(HubQuery query) =>
        query.Field<NonNullGraphType<ChoroplethGraphType>>("choropleth")
            .Description("One indicator for every current ward in one list, no paging: the light query a map needs to colour ward tiles at national scale.")
            .Argument<AggregateIndicatorGraphType>("indicator", "Which indicator (default ACCOUNT_OWNERSHIP).")
            .Argument<MonthGraphType>("month", "The month, \"YYYY-MM\"; default the latest with account-ownership figures.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<ChoroplethReader>().ReadAsync(
                c.GetArgument("indicator", AggregateIndicator.AccountOwnership),
                c.GetArgument<DateOnly?>("month"),
                c.CancellationToken));
}

public static class ChoroplethModule
{
    public static IServiceCollection AddChoropleth(this IServiceCollection services)
    {
        services.AddSingleton<ChoroplethReader>();
        services.AddSingleton<IQueryFields, ChoroplethQueryFields>();
        return services;
    }
}
