using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DtHub.Api.Features.Teams;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Name).HasMaxLength(200);
        team.HasOne(t => t.Ward).WithMany().HasForeignKey(t => t.WardId).OnDelete(DeleteBehavior.Restrict);
        team.HasOne(t => t.Neighborhood).WithMany().HasForeignKey(t => t.NeighborhoodId).OnDelete(DeleteBehavior.Restrict);
        // Children are paged per parent in id order (ward → merchants): (parent, id) serves that with a LIMIT.
        team.HasIndex(t => new { t.WardId, t.Id });
        team.HasIndex(t => new { t.NeighborhoodId, t.Id });
        team.HasIndex(t => t.UpdatedAt);
        team.ToTable(t => t.HasCheckConstraint("ck_teams_level_unit",
            "(level = 'Ward' AND neighborhood_id IS NULL) OR (level = 'Neighborhood' AND neighborhood_id IS NOT NULL)"));
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> member)
    {
        member.HasOne(m => m.Team).WithMany(t => t.Members).HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne(m => m.Contact).WithOne().HasForeignKey<TeamMemberContact>(c => c.TeamMemberId).OnDelete(DeleteBehavior.Cascade);
        member.HasIndex(m => new { m.TeamId, m.Id });
        member.Property(m => m.Affiliation).HasMaxLength(200);
    }
}

internal sealed class TeamMemberContactConfiguration : IEntityTypeConfiguration<TeamMemberContact>
{
    public void Configure(EntityTypeBuilder<TeamMemberContact> contact)
    {
        contact.HasKey(c => c.TeamMemberId);
        contact.Property(c => c.FullName).HasMaxLength(200);
        contact.Property(c => c.Phone).HasMaxLength(32);
        contact.Property(c => c.Email).HasMaxLength(200);
    }
}
