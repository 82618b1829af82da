using DtHub.Api.Features.Import;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Targets;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Every row of the Vũng Tàu demo, generated in memory before anything is written. Keys are assigned by the
/// generator (1, 2, …) so rows refer to each other without a database round trip.
/// </summary>
internal sealed class DemoDataset
{
    public required int Seed { get; init; }
    public required ImportBatch Batch { get; init; }
    public required List<Ward> Wards { get; init; }
    public required List<Neighborhood> Neighborhoods { get; init; }
    public required List<Target> Targets { get; init; }
    public required List<Team> Teams { get; init; }
    public required List<TeamMember> TeamMembers { get; init; }
    public required List<TeamMemberContact> TeamMemberContacts { get; init; }
    public required List<ModelStreet> ModelStreets { get; init; }
    public required List<Market> Markets { get; init; }
    public required List<Merchant> Merchants { get; init; }
    public required List<WifiPoint> WifiPoints { get; init; }
    public required List<WardReport> WardReports { get; init; }
}
