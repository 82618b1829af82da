using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL.DataLoading;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Aggregates.GraphQL;

/// <summary>
/// Aggregate fields on the unit types (one line in each unit's graph type calls these), loaded in batches:
/// every unit of a page asks, and one query answers them all.
/// </summary>
public static class AggregateFields
{
    public static void AddIndicators(this ObjectGraphType<Ward> ward)
    {
        ward.Field<UnitIndicatorsGraphType>("indicators")
            .Description("The ward's indicators (see Indicators); null before the first aggregate refresh.")
            .Argument<NonNullGraphType<MonthGraphType>>("month", "The month, \"YYYY-MM\".")
            .Resolve(c =>
            {
                var month = c.GetArgument<DateOnly>("month");
                var reader = c.RequestServices!.GetRequiredService<AggregateReader>();
                return c.RequestServices!.GetRequiredService<DataLoaders>()
                    .GetOrAdd<int, UnitIndicators?>($"ward-indicators:{month:yyyy-MM}",
                        async (ids, ct) => (await reader.WardIndicatorsAsync(ids, month, ct)).ToDictionary(p => p.Key, p => (UnitIndicators?)p.Value), null)
                    .Load(c.Source.Id);
            });
        ward.Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("trend")
            .Description("An indicator month by month, oldest first. Only ACCOUNT_OWNERSHIP has a history (figures of merged predecessors included).")
            .Argument<NonNullGraphType<MonthGraphType>>("from", "First month.")
            .Argument<NonNullGraphType<MonthGraphType>>("to", "Last month.")
            .Argument<AggregateIndicatorGraphType>("indicator", "Which indicator (default ACCOUNT_OWNERSHIP).")
            .Resolve(c =>
            {
                var (from, to) = (c.GetArgument<DateOnly>("from"), c.GetArgument<DateOnly>("to"));
                var indicator = c.GetArgument("indicator", AggregateIndicator.AccountOwnership);
                var reader = c.RequestServices!.GetRequiredService<AggregateReader>();
                return c.RequestServices!.GetRequiredService<DataLoaders>()
                    .GetOrAdd<int, IReadOnlyList<TrendPoint>>($"ward-trend:{from:yyyy-MM}:{to:yyyy-MM}:{indicator}",
                        (ids, ct) => reader.TrendAsync(ids, from, to, indicator, ct), [])
                    .Load(c.Source.Id);
            });
    }

    public static void AddIndicators(this ObjectGraphType<Neighborhood> neighborhood) =>
        neighborhood.Field<UnitIndicatorsGraphType>("indicators")
            .Description("The neighbourhood's indicators; account ownership is always null (reports are per ward).")
            .Argument<NonNullGraphType<MonthGraphType>>("month", "The month, \"YYYY-MM\".")
            .Resolve(c =>
            {
                var month = c.GetArgument<DateOnly>("month");
                var reader = c.RequestServices!.GetRequiredService<AggregateReader>();
                return c.RequestServices!.GetRequiredService<DataLoaders>()
                    .GetOrAdd<int, UnitIndicators?>($"neighborhood-indicators:{month:yyyy-MM}",
                        async (ids, ct) => (await reader.NeighborhoodIndicatorsAsync(ids, month, ct)).ToDictionary(p => p.Key, p => (UnitIndicators?)p.Value), null)
                    .Load(c.Source.Id);
            });

    public static void AddCompliance(this ObjectGraphType<ModelStreet> street) =>
        street.Field<ModelStreetComplianceGraphType>("compliance")
            .Description("Merchants near the street and their QR adoption, as of the last aggregate refresh.")
            .Resolve(c =>
            {
                var reader = c.RequestServices!.GetRequiredService<AggregateReader>();
                return c.RequestServices!.GetRequiredService<DataLoaders>()
                    .GetOrAdd<int, ModelStreetCompliance?>("street-compliance",
                        async (ids, ct) => (await reader.StreetComplianceAsync(ids, ct)).ToDictionary(p => p.Key, p => (ModelStreetCompliance?)p.Value), null)
                    .Load(c.Source.Id);
            });
}
