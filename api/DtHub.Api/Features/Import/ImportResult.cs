namespace DtHub.Api.Features.Import;

/// <summary>Whether one bad row stops the whole file or only itself.</summary>
public enum ImportMode
{
    /// <summary>Any rejected row rejects the file; nothing is written.</summary>
    AllOrNothing,
    /// <summary>Valid rows are stored; rejected rows are listed for correction.</summary>
    AcceptValidRows,
}

/// <summary>Why one row (or the whole file, row 0) was rejected or flagged.</summary>
/// <param name="Row">1-based row in the file as a spreadsheet shows it (feature index + 1 for GeoJSON); 0 for the file itself.</param>
/// <param name="Field">The column or property at fault, when one is.</param>
/// <param name="Reason">What is wrong and, where we can tell, how to fix it.</param>
public sealed record RowIssue(int Row, string? Field, string Reason)
{
    public override string ToString() => Row == 0
        ? Reason
        : Field is null ? $"row {Row}: {Reason}" : $"row {Row}, {Field}: {Reason}";
}

/// <summary>The outcome of one import: what was written, and every row that was not.</summary>
public sealed class ImportResult
{
    public required string Kind { get; init; }
    public required string FileName { get; init; }
    public ImportMode Mode { get; init; }

    /// <summary>True when the file was taken (possibly without some rows in <see cref="ImportMode.AcceptValidRows"/>).</summary>
    public bool Accepted { get; set; }

    /// <summary>The batch that holds the file; null when nothing was written.</summary>
    public long? BatchId { get; set; }

    /// <summary>The same file had been imported before (by content hash); nothing changed.</summary>
    public bool AlreadyImported { get; set; }

    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Rows stored with data-quality flags (or repaired geometries).</summary>
    public int Flagged { get; set; }

    public int Rejected => Errors.Select(e => e.Row).Where(r => r > 0).Distinct().Count();
    public List<RowIssue> Errors { get; } = [];

    /// <summary>Stored but worth a look: quality flags, repairs, totals that disagree.</summary>
    public List<RowIssue> Warnings { get; } = [];

    /// <summary>Where the time went, phase by phase (for benchmarks and slow-import reports).</summary>
    public List<(string Phase, TimeSpan Elapsed)> Phases { get; } = [];

    /// <summary>Wards whose figures changed: the aggregates to refresh.</summary>
    public HashSet<int> AffectedWardIds { get; } = [];

    public void Reject(int row, string? field, string reason) => Errors.Add(new RowIssue(row, field, reason));
}
