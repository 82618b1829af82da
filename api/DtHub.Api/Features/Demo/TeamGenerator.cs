using System.Globalization;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Community digital-technology teams as in June 2022: 109 in all, one per ward plus neighbourhood teams, with a
/// few neighbourhoods still waiting for theirs (the coverage gaps planners look for). Members' contacts are fake.
/// </summary>
internal static class TeamGenerator
{
    /// <summary>Teams formed by June 2022 (seeds/003).</summary>
    public const int TeamsInJune2022 = 109;

    private static readonly string[] BankBranches =
        ["Agribank Vũng Tàu", "Vietcombank Vũng Tàu", "VietinBank Bà Rịa – Vũng Tàu", "BIDV Vũng Tàu – Côn Đảo", "Sacombank Vũng Tàu"];

    private static readonly string[] MassOrganisations =
        ["Ủy ban MTTQ Việt Nam", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Công an", "Hội Người cao tuổi"];

    public sealed record Result(List<Team> Teams, List<TeamMember> Members, List<TeamMemberContact> Contacts);

    public static Result Generate(IReadOnlyList<Ward> wards, IReadOnlyList<Neighborhood> neighborhoods, DemoRandom random)
    {
        var neighborhoodTeams = TeamsInJune2022 - wards.Count;
        var gaps = neighborhoods.Count - neighborhoodTeams;
        if (gaps < 3 || gaps > wards.Count)
            throw new InvalidOperationException($"{neighborhoods.Count} neighbourhoods cannot hold {neighborhoodTeams} teams with a few coverage gaps.");

        // One neighbourhood without a team in each of `gaps` different wards, so the gaps are spread over the map.
        var wardsWithGap = wards.ToList();
        random.Shuffle(wardsWithGap);
        var withoutTeam = wardsWithGap.Take(gaps)
            .Select(w => random.Pick(neighborhoods.Where(n => n.WardId == w.Id).ToList()).Id)
            .ToHashSet();

        var result = new Result([], [], []);
        foreach (var ward in wards)
        {
            var team = AddTeam(result, $"Tổ công nghệ số cộng đồng {ward.Name}", TeamLevel.Ward, ward.Id, null,
                random.DateBetween(new DateOnly(2022, 2, 15), new DateOnly(2022, 3, 31)));
            AddMember(result, team, TeamRole.Leader, $"Phó Chủ tịch UBND {ward.Name}", random);
            AddMember(result, team, TeamRole.Deputy, $"Bí thư Đoàn Thanh niên {ward.Name}", random);
            foreach (var organisation in MassOrganisations.Take(random.Next(3, MassOrganisations.Length + 1)))
                AddMember(result, team, TeamRole.Member, $"{organisation} {ward.Name}", random);
            for (var i = 0; i < 3; i++) AddMember(result, team, TeamRole.Member, "Đoàn viên thanh niên có kỹ năng công nghệ", random);
            AddMember(result, team, TeamRole.BankStaff, random.Pick(BankBranches), random);
        }

        foreach (var neighborhood in neighborhoods.Where(n => !withoutTeam.Contains(n.Id)))
        {
            var ward = wards.Single(w => w.Id == neighborhood.WardId);
            var team = AddTeam(result, $"Tổ công nghệ số cộng đồng {neighborhood.Name}, {ward.Name}", TeamLevel.Neighborhood, ward.Id,
                neighborhood.Id, random.DateBetween(new DateOnly(2022, 3, 1), new DateOnly(2022, 6, 25)));
            var unit = neighborhood.Kind == NeighborhoodKind.Thon ? "thôn" : "khu phố";
            AddMember(result, team, TeamRole.Leader, $"Trưởng {unit}", random);
            AddMember(result, team, TeamRole.Deputy, $"Bí thư Chi đoàn {unit}", random);
            var members = random.Next(2, 5);
            for (var i = 0; i < members; i++)
                AddMember(result, team, TeamRole.Member, random.Pick(["Tổ trưởng tổ dân phố", "Chi hội Phụ nữ", "Đoàn viên thanh niên", "Chi hội Cựu chiến binh"]), random);
            if (random.Chance(0.4)) AddMember(result, team, TeamRole.BankStaff, random.Pick(BankBranches), random);
        }
        return result;
    }

    private static Team AddTeam(Result result, string name, TeamLevel level, int wardId, int? neighborhoodId, DateOnly foundedOn)
    {
        var team = new Team
        {
            Id = result.Teams.Count + 1,
            Name = name,
            Level = level,
            WardId = wardId,
            NeighborhoodId = neighborhoodId,
            FoundedOn = foundedOn,
            IsSynthetic = true,
            UpdatedAt = DemoClock.AsOf,
        };
        result.Teams.Add(team);
        return team;
    }

    private static void AddMember(Result result, Team team, TeamRole role, string affiliation, DemoRandom random)
    {
        var id = result.Members.Count + 1;
        result.Members.Add(new TeamMember { Id = id, TeamId = team.Id, Role = role, Affiliation = affiliation, UpdatedAt = DemoClock.AsOf });
        result.Contacts.Add(new TeamMemberContact
        {
            TeamMemberId = id,
            // Plainly fake: "(mẫu)" means sample, phones run 0900 000 001, 002, …, mail goes to example.com (RFC 2606).
            FullName = $"{DemoNames.Person(random)} (mẫu)",
            Phone = string.Create(CultureInfo.InvariantCulture, $"0900 {id / 1000:000} {id % 1000:000}"),
            Email = role == TeamRole.Leader ? string.Create(CultureInfo.InvariantCulture, $"to{team.Id:000}.totruong@example.com") : null,
        });
    }
}
