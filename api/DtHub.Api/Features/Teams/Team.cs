using DtHub.Api.Data;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Teams;

/// <summary>Whether a team serves a whole ward or one neighbourhood.</summary>
public enum TeamLevel
{
    Ward,
    Neighborhood,
}

/// <summary>A community digital-technology team (Tổ công nghệ số cộng đồng).</summary>
public class Team : IHasUpdatedAt
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public TeamLevel Level { get; set; }

    /// <summary>The ward served, or the ward of the neighbourhood served.</summary>
    public int WardId { get; set; }
    public Ward? Ward { get; set; }

    /// <summary>The neighbourhood served, for neighbourhood-level teams.</summary>
    public int? NeighborhoodId { get; set; }
    public Neighborhood? Neighborhood { get; set; }

    public DateOnly FoundedOn { get; set; }
    public bool IsSynthetic { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

/// <summary>A member's role in the team.</summary>
public enum TeamRole
{
    Leader,
    Deputy,
    Member,
    BankStaff,
}

/// <summary>A seat on a team. Who sits in it (personal data) lives apart in <see cref="TeamMemberContact"/>.</summary>
public class TeamMember : IHasUpdatedAt
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public Team? Team { get; set; }
    public TeamRole Role { get; set; }

    /// <summary>The member's organisation or position, e.g. "Đoàn Thanh niên" — not personal data.</summary>
    public string? Affiliation { get; set; }

    public TeamMemberContact? Contact { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Personal data of a team member, kept in its own table so it can be guarded, exported or erased alone.</summary>
public class TeamMemberContact
{
    public int TeamMemberId { get; set; }
    public required string FullName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}
