namespace DtHub.Api.Hosting.Telemetry;

/// <summary>OpenTelemetry export, section <c>Telemetry</c>. Off by default: spans and metrics are still produced for any listener.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Export traces, metrics and logs over OTLP.</summary>
    public bool OtlpEnabled { get; set; }

    /// <summary>OTLP endpoint, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>http://127.0.0.1:4318</c> with <see cref="OtlpProtocol"/> = HttpProtobuf.</summary>
    public Uri OtlpEndpoint { get; set; } = new("http://127.0.0.1:4317");

    /// <summary>Grpc or HttpProtobuf.</summary>
    public OpenTelemetry.Exporter.OtlpExportProtocol OtlpProtocol { get; set; } = OpenTelemetry.Exporter.OtlpExportProtocol.Grpc;

    /// <summary>service.name of the exported telemetry.</summary>
    public string ServiceName { get; set; } = "dthub-api";
}
