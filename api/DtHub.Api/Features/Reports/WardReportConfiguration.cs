using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Reports;

internal sealed class WardReportConfiguration : IEntityTypeConfiguration<WardReport>
{
    public void Configure(EntityTypeBuilder<WardReport> report)
    {
        report.HasOne(r => r.Ward).WithMany().HasForeignKey(r => r.WardId).OnDelete(DeleteBehavior.Restrict);
        report.HasOne(r => r.ImportBatch).WithMany().HasForeignKey(r => r.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        report.Property(r => r.ExtraIndicators).HasColumnType("jsonb");
        report.Property(r => r.Source).HasMaxLength(500);
        // One current report per ward and month; superseded ones stay as history.
        report.HasIndex(r => new { r.WardId, r.Month }).IsUnique().HasFilter("superseded_at IS NULL");
        report.HasIndex(r => r.Month);
        report.ToTable(t =>
        {
            t.HasCheckConstraint("ck_ward_reports_month_first_day", "extract(day from month) = 1");
            t.HasCheckConstraint("ck_ward_reports_non_negative",
                "coalesce(households, 0) >= 0 AND coalesce(population, 0) >= 0 AND coalesce(residents15plus, 0) >= 0 AND coalesce(account_holders15plus, 0) >= 0");
        });
    }
}
