using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.ModelStreets;

internal sealed class ModelStreetConfiguration : IEntityTypeConfiguration<ModelStreet>
{
    public void Configure(EntityTypeBuilder<ModelStreet> street)
    {
        street.Property(s => s.Name).HasMaxLength(200);
        street.HasOne(s => s.Ward).WithMany().HasForeignKey(s => s.WardId).OnDelete(DeleteBehavior.Restrict);
        street.HasIndex(s => new { s.WardId, s.Id });
        street.HasIndex(s => s.UpdatedAt);
    }
}
