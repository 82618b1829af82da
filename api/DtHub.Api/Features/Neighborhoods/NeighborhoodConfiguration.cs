using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Neighborhoods;

internal sealed class NeighborhoodConfiguration : IEntityTypeConfiguration<Neighborhood>
{
    public void Configure(EntityTypeBuilder<Neighborhood> neighborhood)
    {
        neighborhood.Property(n => n.Code).HasMaxLength(32); // COLLATE "C" (migration CodesInByteOrder)
        neighborhood.Property(n => n.Name).HasMaxLength(200);
        neighborhood.HasOne(n => n.Ward).WithMany().HasForeignKey(n => n.WardId).OnDelete(DeleteBehavior.Restrict);
        neighborhood.HasIndex(n => new { n.Code, n.ValidFrom }).IsUnique();
        neighborhood.HasIndex(n => new { n.WardId, n.Id });
        neighborhood.HasIndex(n => n.UpdatedAt);
    }
}

internal sealed class NeighborhoodLineageConfiguration : IEntityTypeConfiguration<NeighborhoodLineage>
{
    public void Configure(EntityTypeBuilder<NeighborhoodLineage> lineage)
    {
        lineage.HasOne(l => l.Predecessor).WithMany(n => n.Successors).HasForeignKey(l => l.PredecessorId);
        lineage.HasOne(l => l.Successor).WithMany(n => n.Predecessors).HasForeignKey(l => l.SuccessorId);
        lineage.HasIndex(l => new { l.PredecessorId, l.SuccessorId }).IsUnique();
    }
}
