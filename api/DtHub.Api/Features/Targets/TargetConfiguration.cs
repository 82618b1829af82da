using DtHub.Api.Features.Wards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Targets;

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> target)
    {
        target.Property(t => t.Indicator).HasMaxLength(100);
        target.Property(t => t.Value).HasPrecision(7, 6);
        target.HasOne<Ward>().WithMany().HasForeignKey(t => t.WardId).OnDelete(DeleteBehavior.Restrict);
        target.HasIndex(t => new { t.Indicator, t.Deadline });
        target.ToTable(t => t.HasCheckConstraint("ck_targets_fraction", "value >= 0 AND value <= 1"));
    }
}
