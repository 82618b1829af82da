using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;

namespace DtHub.Api.Features.Aggregates.GraphQL;

/// <summary>GraphQL type of <see cref="AggregateRun"/>.</summary>
public sealed class AggregateRunGraphType : ObjectGraphType<AggregateRun>
{
    public AggregateRunGraphType()
    {
        Name = "AggregateRun";
        Description = "One refresh of the aggregates: what the figures are \"as of\", and whether the last refresh failed.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Opaque global id.").Resolve(c => GlobalId.Encode(Name, c.Source.Id));
        Field("runNumber", r => r.Id).Description("The run's number, as logs and the CLI print it.");
        Field<NonNullGraphType<AggregateRunKindGraphType>>("kind").Description("Full or incremental.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<AggregateRunStatusGraphType>>("status").Description("Queued, running, succeeded or failed.").Resolve(c => c.Source.Status);
        Field(r => r.RequestedBy).Description("What asked for it: schedule, api, cli, retry, recovery.");
        Field(r => r.RequestedAt).Description("When it was asked for.");
        Field(r => r.StartedAt, nullable: true).Description("When its latest attempt started.");
        Field(r => r.FinishedAt, nullable: true).Description("When it succeeded or failed.");
        Field(r => r.UnitsTouched, nullable: true).Description("Wards recomputed.");
        Field(r => r.RowsWritten, nullable: true).Description("Aggregate rows written.");
        Field(r => r.Error, nullable: true).Description("Why it failed; the previous figures stay in place.");
        Field(r => r.Attempt).Description("Attempts so far (a retry or a recovery after a host died adds one).");
        Field(r => r.SchedulerInstanceId, nullable: true).Description("The scheduler instance that ran the latest attempt.");
        Field(r => r.DataVersion, nullable: true).Description("The data version its commit produced (tiles and caches key on it).");
    }
}

/// <summary>Full or incremental.</summary>
public sealed class AggregateRunKindGraphType : EnumerationGraphType<AggregateRunKind>
{
    public AggregateRunKindGraphType()
    {
        Name = "AggregateRunKind";
        Description = "FULL recomputes every unit; INCREMENTAL only those whose inputs changed.";
    }
}

/// <summary>Run status.</summary>
public sealed class AggregateRunStatusGraphType : EnumerationGraphType<AggregateRunStatus>
{
    public AggregateRunStatusGraphType()
    {
        Name = "AggregateRunStatus";
        Description = "Where a refresh run is in its life.";
    }
}

/// <summary>Result of <c>refreshAggregates</c>.</summary>
public sealed record RefreshAggregatesPayload(AggregateRun Run);

/// <summary>GraphQL type of <see cref="RefreshAggregatesPayload"/>.</summary>
public sealed class RefreshAggregatesPayloadGraphType : ObjectGraphType<RefreshAggregatesPayload>
{
    public RefreshAggregatesPayloadGraphType()
    {
        Name = "RefreshAggregatesPayload";
        Description = "The queued run; follow it with aggregateRuns or node(id).";
        Field<NonNullGraphType<AggregateRunGraphType>>("run").Description("The run, as queued.").Resolve(c => c.Source.Run);
    }
}

/// <summary>GraphQL type of <see cref="HexCell"/>.</summary>
public sealed class HexCellGraphType : ObjectGraphType<HexCell>
{
    public HexCellGraphType()
    {
        Name = "HexCell";
        Description = "A heatmap hexagon (side Aggregates:HexSizeMeters, default 250 m) with what lies in it.";
        Field(h => h.I).Description("Grid column index.");
        Field(h => h.J).Description("Grid row index.");
        Field<NonNullGraphType<GeoJsonGraphType>>("geometry").Description("The hexagon, GeoJSON Polygon (WGS 84).").Resolve(c => c.Source.Geometry);
        Field(h => h.AreaM2).Description("Area, m².");
        Field(h => h.Merchants).Description("Merchants inside.");
        Field(h => h.WithQr).Description("Of them, with QR.");
        Field(h => h.WifiAreaShare).Description("Share within reach of public Wi-Fi.");
        Field(h => h.EstimatedResidents).Description("Residents estimated to live inside.");
    }
}

/// <summary>The city as a whole: a root object for its indicators.</summary>
public sealed record City;

/// <summary>GraphQL type of <see cref="City"/>.</summary>
public sealed class CityGraphType : ObjectGraphType<City>
{
    public CityGraphType()
    {
        Name = "City";
        Description = "The whole city: account ownership from every ward report of the month, the rest summed over current wards.";
        Field<NonNullGraphType<UnitIndicatorsGraphType>>("indicators")
            .Description("The city's indicators for a month.")
            .Argument<NonNullGraphType<MonthGraphType>>("month", "The month, \"YYYY-MM\".")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<AggregateReader>()
                .CityIndicatorsAsync(c.GetArgument<DateOnly>("month"), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointGraphType>>>>("trend")
            .Description("Account ownership month by month, oldest first.")
            .Argument<NonNullGraphType<MonthGraphType>>("from", "First month.")
            .Argument<NonNullGraphType<MonthGraphType>>("to", "Last month.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<AggregateReader>()
                .CityTrendAsync(c.GetArgument<DateOnly>("from"), c.GetArgument<DateOnly>("to"), c.CancellationToken));
    }
}
