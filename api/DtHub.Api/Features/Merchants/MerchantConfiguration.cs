using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Merchants;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> merchant)
    {
        merchant.Property(m => m.Name).HasMaxLength(300);
        merchant.Property(m => m.Address).HasMaxLength(500);
        merchant.Property(m => m.QrPayload).HasMaxLength(512);
        merchant.Property(m => m.QrProvider).HasMaxLength(100);
        merchant.Property(m => m.Website).HasMaxLength(300);
        merchant.HasOne(m => m.Ward).WithMany().HasForeignKey(m => m.WardId).OnDelete(DeleteBehavior.Restrict);
        merchant.HasOne(m => m.Neighborhood).WithMany().HasForeignKey(m => m.NeighborhoodId).OnDelete(DeleteBehavior.SetNull);
        merchant.HasOne(m => m.Market).WithMany().HasForeignKey(m => m.MarketId).OnDelete(DeleteBehavior.SetNull);
        // Children are paged per parent in id order (ward → merchants): (parent, id) serves that with a LIMIT.
        merchant.HasIndex(m => new { m.WardId, m.Id });
        merchant.HasIndex(m => new { m.NeighborhoodId, m.Id });
        merchant.HasIndex(m => m.UpdatedAt);
        merchant.HasIndex(m => m.Category);
    }
}

internal sealed class MarketConfiguration : IEntityTypeConfiguration<Market>
{
    public void Configure(EntityTypeBuilder<Market> market)
    {
        market.Property(m => m.Name).HasMaxLength(200);
        market.HasOne(m => m.Ward).WithMany().HasForeignKey(m => m.WardId).OnDelete(DeleteBehavior.Restrict);
    }
}
