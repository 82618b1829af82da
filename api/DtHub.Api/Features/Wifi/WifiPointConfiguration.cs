using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Wifi;

internal sealed class WifiPointConfiguration : IEntityTypeConfiguration<WifiPoint>
{
    public void Configure(EntityTypeBuilder<WifiPoint> wifi)
    {
        wifi.Property(w => w.Name).HasMaxLength(200);
        wifi.Property(w => w.Ssid).HasMaxLength(64);
        wifi.Property(w => w.Operator).HasMaxLength(100);
        wifi.HasOne(w => w.Ward).WithMany().HasForeignKey(w => w.WardId).OnDelete(DeleteBehavior.Restrict);
        wifi.HasIndex(w => new { w.WardId, w.Id });
        wifi.HasIndex(w => w.UpdatedAt);
        wifi.ToTable(t => t.HasCheckConstraint("ck_wifi_points_radius", "radius_meters > 0 AND radius_meters <= 5000"));
    }
}
