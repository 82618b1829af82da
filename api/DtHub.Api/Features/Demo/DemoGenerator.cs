using System.Globalization;
using System.Text.Json;
using DtHub.Api.Features.Import;
using DtHub.Api.Features.Targets;
using DtHub.Api.Features.Wards;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// Builds the whole Vũng Tàu demo in memory from the real inputs and a seed. Same inputs and seed, same rows:
/// nothing reads the clock, Guid or an unseeded random source, and each step draws from its own random stream.
/// </summary>
internal static class DemoGenerator
{
    /// <summary>The seed <c>seed-demo</c> uses: the date of the real report the demo is built around.</summary>
    public const int DefaultSeed = 20220630;

    public const string CityName = "Vũng Tàu";

    public static DemoDataset Generate(DemoInputs inputs, int seed = DefaultSeed)
    {
        var shapes = WardGeometryBuilder.Build(inputs.CityOutline,
            inputs.Wards.Select((w, i) => (w.Name, inputs.SeedPoints[i])).ToList());
        var wards = inputs.Wards.Select((figures, i) => new Ward
        {
            Id = i + 1,
            Code = string.Create(CultureInfo.InvariantCulture, $"VT{i + 1:00}"),
            Name = figures.Name,
            Kind = figures.Kind,
            Geometry = shapes[i],
            LabelPoint = inputs.SeedPoints[i],
            ValidFrom = DemoClock.UnitsValidFrom,
            IsSynthetic = true, // names and figures are real; the boundaries are generated
            UpdatedAt = DemoClock.AsOf,
        }).ToList();

        var neighborhoods = NeighborhoodGenerator.Generate(wards, inputs.Wards, DemoRandom.For(seed, "neighborhoods"));
        var places = new DemoPlaces(wards, neighborhoods);
        var teams = TeamGenerator.Generate(wards, neighborhoods, DemoRandom.For(seed, "teams"));
        var streets = ModelStreetGenerator.Generate(places, DemoRandom.For(seed, "model-streets"));
        var markets = MarketGenerator.PlaceMarkets(places, streets, DemoRandom.For(seed, "markets"));
        var merchants = MerchantGenerator.Generate(places, streets, markets, inputs.Wards, DemoRandom.For(seed, "merchants"));
        merchants.AddRange(MarketGenerator.Stalls(places, markets, merchants.Count + 1, DemoRandom.For(seed, "market-stalls")));
        var wifi = WifiGenerator.Generate(places, inputs.CityOutline, markets, merchants, DemoRandom.For(seed, "wifi"));
        var reports = WardReportGenerator.Generate(wards, inputs.Wards, DemoRandom.For(seed, "ward-reports"));
        var targets = TargetsFile.Read(inputs.TargetsPath, CityName,
            name => wards.Find(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase))?.Id);

        var rowCount = wards.Count + neighborhoods.Count + targets.Count + teams.Teams.Count + teams.Members.Count
            + teams.Contacts.Count + streets.Count + markets.Count + merchants.Count + wifi.Count + reports.Count;
        return new DemoDataset
        {
            Seed = seed,
            Batch = Batch(inputs, seed, rowCount),
            Wards = wards,
            Neighborhoods = neighborhoods,
            Targets = targets,
            Teams = teams.Teams,
            TeamMembers = teams.Members,
            TeamMemberContacts = teams.Contacts,
            ModelStreets = streets,
            Markets = markets,
            Merchants = merchants,
            WifiPoints = wifi,
            WardReports = reports,
        };
    }

    /// <summary>The batch the demo's reports point to: which inputs (by hash) and which seed made them.</summary>
    private static ImportBatch Batch(DemoInputs inputs, int seed, int rowCount)
    {
        string[] files = [DemoInputs.WardFiguresFile, DemoInputs.GeometryFile, DemoInputs.TargetsFile];
        var manifest = JsonSerializer.SerializeToUtf8Bytes(new { generator = "DtHub demo", seed, inputs = files, contentHash = inputs.ContentHash });
        return new ImportBatch
        {
            Kind = "demo",
            FileName = string.Create(CultureInfo.InvariantCulture, $"db/demo/{{{string.Join(',', files)}}} seed {seed}"),
            ContentHash = inputs.ContentHash,
            Content = manifest,
            ImportedBy = "demo generator",
            RowsAccepted = rowCount,
        };
    }
}
