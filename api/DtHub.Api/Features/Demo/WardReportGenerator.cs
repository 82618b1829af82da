using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Monthly ward reports for 2022–2024. June 2022 is the real report, copied cell for cell (blanks stay blank,
/// the impossible Thắng Nhì row stays and is flagged); every other month is synthetic and derived from it:
/// population drifts up slightly, the residents-15+ share is the ward's own, and account ownership climbs from
/// a little below the June figure by 5–17 points by the end of 2024 (the city passes the 65 % target; the
/// weakest wards do not).
/// </summary>
internal static class WardReportGenerator
{
    public const string RealSource = "seeds/004_fedd277583d800c4.txt (June 2022 report)";
    public const string SyntheticSource = "DtHub demo generator (synthetic, derived from the June 2022 report)";

    private const int MonthsAfterJune = 30; // July 2022 … December 2024

    public static List<WardReport> Generate(IReadOnlyList<Ward> wards, IReadOnlyList<WardFigures> figures, DemoRandom random)
    {
        var reports = new List<WardReport>();
        for (var w = 0; w < wards.Count; w++)
        {
            var june = figures[w];
            if (june.Month != DemoClock.RealReportMonth)
                throw new InvalidOperationException($"{june.Name}: the ward table is for {june.Month:yyyy-MM}, the demo expects 2022-06.");
            if (june.Population is not { } population || june.Residents15Plus is not { } residents15 || june.AccountHolders15Plus is not { } holders)
                throw new InvalidOperationException($"{june.Name}: the June 2022 row lacks population or account figures to derive other months from.");

            var share15 = (double)residents15 / population;
            var householdSize = june.Households is { } households ? (double)population / households : 3.6;
            var growthPerMonth = random.Between(0.004, 0.018) / 12;
            var juneRate = (double)holders / residents15;
            var endRate = Math.Min(0.93, juneRate + random.Between(0.05, 0.17)); // lagging wards stay behind
            var pace = random.Between(6, 14); // months to cover half of the climb

            for (var month = DemoClock.FirstReportMonth; month <= DemoClock.LastReportMonth; month = month.AddMonths(1))
            {
                var offset = (month.Year - 2022) * 12 + month.Month - 6; // months since June 2022
                WardReport report;
                if (offset == 0)
                {
                    report = Report(wards[w], month, june.Households, population, residents15, holders, RealSource, synthetic: false);
                }
                else
                {
                    var people = (int)Math.Round(population * (1 + growthPerMonth * offset + random.Between(-0.0005, 0.0005)));
                    // A blank households cell stays blank until the ward starts counting, from July 2022.
                    int? householdCount = june.Households is null && offset < 0 ? null : (int)Math.Round(people / householdSize);
                    var adults = (int)Math.Round(people * share15);
                    var rate = offset < 0
                        ? juneRate + 0.006 * offset // a slow climb towards the June figure
                        : juneRate + (endRate - juneRate) * Climb(offset, pace);
                    rate += random.Between(-0.002, 0.002);
                    report = Report(wards[w], month, householdCount, people, adults, (int)Math.Round(adults * rate), SyntheticSource, synthetic: true);
                }
                report.Id = reports.Count + 1;
                reports.Add(report);
            }
        }
        return reports;
    }

    /// <summary>0 in June 2022, 1 in December 2024, rising fast and then levelling off (a rational curve: no Math.Exp).</summary>
    private static double Climb(int monthsAfterJune, double pace) =>
        monthsAfterJune / (monthsAfterJune + pace) * ((MonthsAfterJune + pace) / MonthsAfterJune);

    private static WardReport Report(Ward ward, DateOnly month, int? households, int population, int residents15, int holders,
        string source, bool synthetic) => new()
        {
            WardId = ward.Id,
            Month = month,
            Households = households,
            Population = population,
            Residents15Plus = residents15,
            AccountHolders15Plus = holders,
            QualityFlags = WardReport.Assess(households, population, residents15, holders),
            Source = source,
            IsSynthetic = synthetic,
            // Reports are due before the 12th of the following month.
            RecordedAt = DemoClock.Utc(month.AddMonths(1).AddDays(9), 9 * 3600),
        };
}
