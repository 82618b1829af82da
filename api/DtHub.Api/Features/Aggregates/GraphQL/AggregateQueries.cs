using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Relay;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Aggregates.GraphQL;

/// <summary>Root fields: city, aggregateRuns, dataAsOf, hexCells.</summary>
public sealed class AggregateQueries : IQueryFields
{
    public void AddTo(HubQuery query)
    {
        query.Field<NonNullGraphType<CityGraphType>>("city").Description("The city as a whole.").Resolve(_ => new City());

        var runs = query.Field<NonNullGraphType<ConnectionGraphType<AggregateRunGraphType, AggregateRun>>>("aggregateRuns")
            .Description("Aggregate refresh runs, newest first.");
        PageRequest.AddArguments(runs);
        runs.Argument<AggregateRunStatusGraphType>("status", "Only runs of this status.")
            .ResolveAsync(async c =>
            {
                var store = c.RequestServices!.GetRequiredService<AggregateRunStore>();
                var page = PageRequest.From(c, c.RequestServices!.GetRequiredService<IOptions<PagingOptions>>().Value);
                var status = c.GetArgument<AggregateRunStatus?>("status");
                var total = await store.CountAsync(status, c.CancellationToken);
                var (skip, take) = page.Window(total);
                var rows = await store.ListAsync(take ?? total, skip, status, c.CancellationToken);
                return page.ToConnection(rows, skip, take, total);
            });

        query.Field<AggregateRunGraphType>("dataAsOf")
            .Description("The latest successful aggregate refresh: when the figures were computed. Null before the first.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<AggregateRunStore>().LatestSuccessfulAsync(c.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<HexCellGraphType>>>>("hexCells")
            .Description("Heatmap hexagons, all or those meeting a bounding box.")
            .Argument<ListGraphType<NonNullGraphType<FloatGraphType>>>("bbox", "[west, south, east, north] in degrees (WGS 84).")
            .ResolveAsync(async c =>
            {
                var bbox = c.GetArgument<List<double>?>("bbox");
                if (bbox is not null && bbox.Count != 4)
                    throw new GraphQLInputException($"bbox: give four numbers [west, south, east, north], not {bbox.Count}.");
                var envelope = bbox is null ? null : new NetTopologySuite.Geometries.Envelope(bbox[0], bbox[2], bbox[1], bbox[3]);
                return await c.RequestServices!.GetRequiredService<AggregateReader>().HexCellsAsync(envelope, c.CancellationToken);
            });
    }
}

/// <summary>refreshAggregates.</summary>
public sealed class AggregateMutations : IMutationFields
{
    public void AddTo(HubMutation mutation) =>
        mutation.Field<NonNullGraphType<RefreshAggregatesPayloadGraphType>>("refreshAggregates")
            .Description("Queues a refresh of the aggregates on the job cluster and returns its run at once (status QUEUED).")
            .Argument<BooleanGraphType>("full", "Recompute every unit (default false: only units whose inputs changed).")
            .ResolveAsync(async c =>
            {
                await Auth.WriteAccess.RequireRoleAsync(c, Auth.HubRoles.Planner);
                return new RefreshAggregatesPayload(await c.RequestServices!.GetRequiredService<AggregateRefresher>()
                    .QueueAsync(c.GetArgument("full", false), "api", cancellationToken: c.CancellationToken));
            });
}
