using GraphQL;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DtHub.Api.Hosting.Telemetry;

/// <summary>
/// Wires the GraphQL operation telemetry, and — when <c>Telemetry:OtlpEnabled</c> — OpenTelemetry with the OTLP
/// exporter for traces (ASP.NET Core, DtHub.GraphQL, Npgsql), metrics and logs.
/// </summary>
public static class TelemetryModule
{
    public static IHostApplicationBuilder AddHubTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        builder.Services.AddGraphQL(graphql => graphql.ConfigureExecution<OperationTelemetry>());

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.OtlpEnabled) return builder;

        void Otlp(OpenTelemetry.Exporter.OtlpExporterOptions o)
        {
            o.Endpoint = options.OtlpEndpoint;
            o.Protocol = options.OtlpProtocol;
        }
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName))
            .WithTracing(t => t.AddSource(GraphQLTelemetry.SourceName, "Npgsql").AddAspNetCoreInstrumentation().AddOtlpExporter(Otlp))
            .WithMetrics(m => m.AddMeter(GraphQLTelemetry.SourceName, "Npgsql").AddAspNetCoreInstrumentation().AddOtlpExporter(Otlp))
            .WithLogging(l => l.AddOtlpExporter(Otlp), o => o.IncludeScopes = true);
        return builder;
    }
}
