using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Import;

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> batch)
    {
        batch.Property(b => b.Kind).HasMaxLength(32);
        batch.Property(b => b.ContentHash).HasMaxLength(64);
        batch.HasIndex(b => new { b.Kind, b.ContentHash });
    }
}
