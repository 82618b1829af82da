using System.Diagnostics;
using DtHub.Api.Hosting.Telemetry;
using DtHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace DtHub.Api.Tests.Hosting;

/// <summary>A real request produces the DtHub.GraphQL span named after the operation, and its SQL time is measured and exported.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class TelemetryTests(HubDatabase hub)
{
    [Fact]
    public async Task Query_produces_a_span_with_the_operation_name_and_records_its_sql_time()
    {
        await hub.UseDemoDataAsync();
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        await using var api = new HubApiFactory(hub.ConnectionString, configureServices: services => services.AddOpenTelemetry()
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddSource(GraphQLTelemetry.SourceName).AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddMeter(GraphQLTelemetry.SourceName).AddInMemoryExporter(metrics)));

        using var body = await api.PostGraphQLAsync("query WardNames { wards(first: 5) { nodes { code name } } }");
        Assert.False(body.RootElement.TryGetProperty("errors", out _));
        api.Services.GetRequiredService<TracerProvider>().ForceFlush();
        api.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var span = Assert.Single(spans, s => s.Source.Name == GraphQLTelemetry.SourceName);
        Assert.Equal("query WardNames", span.DisplayName);
        Assert.Equal("WardNames", span.GetTagItem(GraphQLTelemetry.OperationNameTag));
        Assert.Equal("query", span.GetTagItem(GraphQLTelemetry.OperationTypeTag));
        Assert.True((int)span.GetTagItem(GraphQLTelemetry.SqlCommandsTag)! >= 1);
        var sqlMs = (double)span.GetTagItem(GraphQLTelemetry.SqlTimeTag)!;
        Assert.InRange(sqlMs, double.Epsilon, span.Duration.TotalMilliseconds * 4);

        var sql = PointsOf(metrics, "dthub.graphql.operation.sql_time").Single(p => Tag(p, GraphQLTelemetry.OperationNameTag) == "WardNames");
        Assert.Equal(1, sql.GetHistogramCount());
        Assert.True(sql.GetHistogramSum() > 0);
        var duration = PointsOf(metrics, "dthub.graphql.operation.duration").Single(p => Tag(p, GraphQLTelemetry.OperationNameTag) == "WardNames");
        Assert.True(duration.GetHistogramSum() >= sql.GetHistogramSum() / 4);
    }

    private static IEnumerable<MetricPoint> PointsOf(List<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints);

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value as string;
        }
        return null;
    }
}
