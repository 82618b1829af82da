using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.Features.Import;

/// <summary>Thresholds for imports, bound from the <c>Import</c> section.</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>A figure that moves by more than this share since the previous month is flagged (0.3 = 30 %).</summary>
    [Range(0.01, 10)]
    public double MonthOnMonthJumpShare { get; set; } = 0.3;

    /// <summary>Files larger than this are refused before parsing.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Merchant files with at least this many valid rows are written set-based: one audit entry for the inserts
    /// (naming the batch and id range) instead of one per row; updates keep their before/after (see docs/IMPORT.md).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int BulkAuditRows { get; set; } = 50_000;
}
