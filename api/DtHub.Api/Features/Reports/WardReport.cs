using DtHub.Api.Features.Import;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Reports;

/// <summary>Data-quality findings stored with a report instead of dropping the row.</summary>
[Flags]
public enum ReportQualityFlags
{
    None = 0,
    /// <summary>More residents aged 15+ than residents.</summary>
    Residents15PlusExceedPopulation = 1,
    /// <summary>More account holders than residents aged 15+.</summary>
    HoldersExceedResidents15Plus = 2,
    /// <summary>The households cell was blank.</summary>
    MissingHouseholds = 4,
    /// <summary>A figure moved more than the configured share since the previous month.</summary>
    MonthOnMonthJump = 8,
    /// <summary>The residents 15+ or holders cell was blank.</summary>
    MissingAccountFigures = 16,
}

/// <summary>A ward's monthly figures as reported to the city.</summary>
public class WardReport
{
    public long Id { get; set; }
    public int WardId { get; set; }
    public Ward? Ward { get; set; }

    /// <summary>First day of the reported month.</summary>
    public DateOnly Month { get; set; }

    public int? Households { get; set; }
    public int? Population { get; set; }
    public int? Residents15Plus { get; set; }
    public int? AccountHolders15Plus { get; set; }

    /// <summary>Further indicators by key (e.g. "students15WithAccount"), room to grow without migrations.</summary>
    public Dictionary<string, decimal> ExtraIndicators { get; set; } = [];

    public ReportQualityFlags QualityFlags { get; set; }

    /// <summary>Where the figures come from, e.g. the seed document or the uploaded file.</summary>
    public required string Source { get; set; }

    public long? ImportBatchId { get; set; }
    public ImportBatch? ImportBatch { get; set; }

    /// <summary>True for generated demo figures (every month but June 2022 in the demo).</summary>
    public bool IsSynthetic { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Set when a corrected report for the same ward and month replaced this one; history keeps both.</summary>
    public DateTimeOffset? SupersededAt { get; set; }

    /// <summary>Flags a report's figures earn on their own (without history).</summary>
    public static ReportQualityFlags Assess(int? households, int? population, int? residents15Plus, int? holders)
    {
        var flags = ReportQualityFlags.None;
        if (residents15Plus > population) flags |= ReportQualityFlags.Residents15PlusExceedPopulation;
        if (holders > residents15Plus) flags |= ReportQualityFlags.HoldersExceedResidents15Plus;
        if (households is null) flags |= ReportQualityFlags.MissingHouseholds;
        if (residents15Plus is null || holders is null) flags |= ReportQualityFlags.MissingAccountFigures;
        return flags;
    }
}
