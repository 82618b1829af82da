namespace DtHub.Api.Features.Demo;

/// <summary>
/// Fixed dates of the demo world. Generated rows never read the system clock, so the same seed gives the same rows.
/// </summary>
internal static class DemoClock
{
    /// <summary>The demo's "now": 1 January 2025 00:00 in Vũng Tàu (UTC+7), stored in UTC as PostgreSQL expects.</summary>
    public static readonly DateTimeOffset AsOf = new(2024, 12, 31, 17, 0, 0, TimeSpan.Zero);

    /// <summary>Pre-2025 wards and their neighbourhoods are valid from here on (the demo does not model earlier changes).</summary>
    public static readonly DateOnly UnitsValidFrom = new(2020, 1, 1);

    public static readonly DateOnly FirstReportMonth = new(2022, 1, 1);
    public static readonly DateOnly LastReportMonth = new(2024, 12, 1);

    /// <summary>The real June 2022 report (seeds/004): 109 teams, 542 traders in cashless markets.</summary>
    public static readonly DateOnly RealReportMonth = new(2022, 6, 1);

    public static DateTimeOffset Utc(DateOnly day, int secondsIntoDay = 0) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(secondsIntoDay);
}
