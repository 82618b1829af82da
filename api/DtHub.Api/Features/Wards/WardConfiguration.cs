using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Wards;

internal sealed class WardConfiguration : IEntityTypeConfiguration<Ward>
{
    public void Configure(EntityTypeBuilder<Ward> ward)
    {
        ward.Property(w => w.Code).HasMaxLength(32); // COLLATE "C" (migration CodesInByteOrder)
        ward.Property(w => w.Name).HasMaxLength(200);
        ward.HasIndex(w => new { w.Code, w.ValidFrom }).IsUnique();
        ward.HasIndex(w => w.Name);
        ward.HasIndex(w => w.UpdatedAt);
    }
}

internal sealed class WardLineageConfiguration : IEntityTypeConfiguration<WardLineage>
{
    public void Configure(EntityTypeBuilder<WardLineage> lineage)
    {
        lineage.HasOne(l => l.Predecessor).WithMany(w => w.Successors).HasForeignKey(l => l.PredecessorId);
        lineage.HasOne(l => l.Successor).WithMany(w => w.Predecessors).HasForeignKey(l => l.SuccessorId);
        lineage.HasIndex(l => new { l.PredecessorId, l.SuccessorId }).IsUnique();
    }
}
