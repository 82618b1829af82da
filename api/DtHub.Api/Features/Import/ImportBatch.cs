namespace DtHub.Api.Features.Import;

/// <summary>One file brought into the hub; the original bytes are kept so nothing is lost.</summary>
public class ImportBatch
{
    public long Id { get; set; }

    /// <summary>What was imported: "ward-report", "merchants", "wifi", "boundaries", "demo".</summary>
    public required string Kind { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the content, hex: re-importing the same file is recognised.</summary>
    public required string ContentHash { get; set; }

    public byte[]? Content { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public string? ImportedBy { get; set; }
    public int RowsAccepted { get; set; }
    public int RowsRejected { get; set; }
}
