using Microsoft.Extensions.Options;

namespace DtHub.Api.Features.Import;

/// <summary>
/// The one entry point for files coming into the hub: the CLI and the GraphQL upload mutation both call it.
/// Each method validates the whole file before writing, writes in one transaction, and queues the aggregate
/// refresh for the wards it touched.
/// </summary>
public sealed class ImportService(
    WardReportImporter wardReports,
    MerchantImporter merchants,
    WifiImporter wifi,
    BoundaryImporter boundaries,
    IAggregateRefreshQueue refreshQueue,
    IOptions<ImportOptions> options)
{
    /// <summary>A month of ward figures (CSV or XLSX). Default mode: all-or-nothing.</summary>
    public async Task<ImportResult> ImportWardReportAsync(Stream file, string fileName, DateOnly month, ImportMode? mode = null,
        string? importedBy = null, ImportScope? scope = null, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(file, cancellationToken);
        var result = await wardReports.ImportAsync(content, fileName, month, mode ?? ImportMode.AllOrNothing, importedBy, scope, cancellationToken);
        return await AfterAsync(result, cancellationToken);
    }

    /// <summary>A merchant registry (CSV or XLSX). Default mode: accept the valid rows.</summary>
    public async Task<ImportResult> ImportMerchantsAsync(Stream file, string fileName, ImportMode? mode = null,
        string? importedBy = null, IProgress<int>? progress = null, ImportScope? scope = null, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(file, cancellationToken);
        var result = await merchants.ImportAsync(content, fileName, mode ?? ImportMode.AcceptValidRows, importedBy, progress, scope, cancellationToken);
        return await AfterAsync(result, cancellationToken);
    }

    /// <summary>Public Wi-Fi points (CSV or XLSX). Default mode: accept the valid rows.</summary>
    public async Task<ImportResult> ImportWifiAsync(Stream file, string fileName, ImportMode? mode = null,
        string? importedBy = null, ImportScope? scope = null, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(file, cancellationToken);
        var result = await wifi.ImportAsync(content, fileName, mode ?? ImportMode.AcceptValidRows, importedBy, scope, cancellationToken);
        return await AfterAsync(result, cancellationToken);
    }

    /// <summary>Ward or neighbourhood boundaries (GeoJSON FeatureCollection). Default mode: all-or-nothing.</summary>
    public async Task<ImportResult> ImportBoundariesAsync(Stream file, string fileName, ImportMode? mode = null,
        string? importedBy = null, CancellationToken cancellationToken = default)
    {
        var content = await ReadAllAsync(file, cancellationToken);
        var result = await boundaries.ImportAsync(content, fileName, mode ?? ImportMode.AllOrNothing, importedBy, cancellationToken);
        return await AfterAsync(result, cancellationToken);
    }

    private async Task<ImportResult> AfterAsync(ImportResult result, CancellationToken ct)
    {
        if (result.BatchId is not null) await refreshQueue.EnqueueAsync(result.Kind, result.AffectedWardIds, ct);
        return result;
    }

    private async Task<byte[]> ReadAllAsync(Stream file, CancellationToken ct)
    {
        var limit = options.Value.MaxFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw new ImportFileTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>The file is larger than <see cref="ImportOptions.MaxFileBytes"/>; nothing was read into the hub.</summary>
public sealed class ImportFileTooLargeException(long limit) : Exception($"The file is larger than the import limit of {limit:N0} bytes.");
