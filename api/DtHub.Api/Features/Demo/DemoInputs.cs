using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using DtHub.Api.Features.Wards;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DtHub.Api.Features.Demo;

/// <summary>One row of the June 2022 per-ward table, as published (blank cells stay null).</summary>
public sealed record WardFigures(
    string Name, WardKind Kind, int? Households, int? Population, int? Residents15Plus, int? AccountHolders15Plus, DateOnly Month);

/// <summary>The real inputs of the demo (<c>db/demo/</c>): the June 2022 ward table, the outline and seed points, the plans' targets.</summary>
internal sealed class DemoInputs
{
    public const string WardFiguresFile = "vungtau-wards-2022-06.csv";
    public const string GeometryFile = "vungtau-demo-geometry.geojson";
    public const string TargetsFile = "targets-from-plans.csv";

    /// <summary>The inputs ship next to the binary (see the csproj), so the generator needs no checkout.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "demo");

    public required IReadOnlyList<WardFigures> Wards { get; init; }
    public required MultiPolygon CityOutline { get; init; }

    /// <summary>One interior point per ward, in the order of <see cref="Wards"/>.</summary>
    public required IReadOnlyList<Point> SeedPoints { get; init; }

    public required string TargetsPath { get; init; }

    /// <summary>SHA-256 over the input files' names and contents, hex: identifies what the demo was built from.</summary>
    public required string ContentHash { get; init; }

    public static DemoInputs Load(string? directory = null)
    {
        directory ??= DefaultDirectory;
        var files = new[] { WardFiguresFile, GeometryFile, TargetsFile }.Select(f => Path.Combine(directory, f)).ToArray();
        foreach (var file in files)
            if (!File.Exists(file)) throw new FileNotFoundException($"Demo input {file} is missing.", file);

        var wards = ReadWardFigures(files[0]);
        var (outline, seedsByName) = ReadGeometry(files[1]);
        var seeds = wards.Select(w => seedsByName.TryGetValue(w.Name, out var p)
            ? p
            : throw new InvalidDataException($"{GeometryFile}: no ward_seed_point for '{w.Name}' (named in {WardFiguresFile}).")).ToList();
        var unused = seedsByName.Keys.Except(wards.Select(w => w.Name), StringComparer.Ordinal).ToList();
        if (unused.Count > 0) throw new InvalidDataException($"{GeometryFile}: seed points for unknown wards: {string.Join(", ", unused)}.");

        return new DemoInputs
        {
            Wards = wards,
            CityOutline = outline,
            SeedPoints = seeds,
            TargetsPath = files[2],
            ContentHash = HashFiles(files),
        };
    }

    private static List<WardFigures> ReadWardFigures(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        var rows = new List<WardFigures>();
        while (csv.Read())
        {
            var row = csv.LineNumber;
            string Field(string name) => (csv.GetStringOrNull(name) ?? "").Trim();
            int? Count(string name)
            {
                var text = Field(name);
                if (text.Length == 0) return null;
                return int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) && value >= 0
                    ? value
                    : throw new InvalidDataException($"{WardFiguresFile} line {row}: {name} '{text}' is not a non-negative whole number.");
            }

            var kind = Field("kind") switch
            {
                "phuong" => WardKind.Phuong,
                "xa" => WardKind.Xa,
                var other => throw new InvalidDataException($"{WardFiguresFile} line {row}: kind '{other}' is neither 'phuong' nor 'xa'."),
            };
            var monthText = Field("report_month");
            if (!DateOnly.TryParseExact(monthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
                throw new InvalidDataException($"{WardFiguresFile} line {row}: report_month '{monthText}' is not yyyy-MM.");
            var name = Field("ward_name").Normalize(NormalizationForm.FormC);
            if (name.Length == 0) throw new InvalidDataException($"{WardFiguresFile} line {row}: ward_name is blank.");
            rows.Add(new WardFigures(name, kind, Count("households"), Count("population"), Count("population_15_plus"),
                Count("account_holders_15_plus"), month));
        }
        return rows;
    }

    private static (MultiPolygon Outline, Dictionary<string, Point> Seeds) ReadGeometry(string path)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory(DemoGeo.Factory) } };
        var collection = JsonSerializer.Deserialize<FeatureCollection>(File.ReadAllText(path), options)
            ?? throw new InvalidDataException($"{GeometryFile} holds no FeatureCollection.");
        MultiPolygon? outline = null;
        var seeds = new Dictionary<string, Point>(StringComparer.Ordinal);
        foreach (var feature in collection)
        {
            switch (feature.Attributes["kind"] as string, feature.Geometry)
            {
                case ("city_outline", MultiPolygon m): outline = m; break;
                case ("city_outline", Polygon p): outline = DemoGeo.Factory.CreateMultiPolygon([p]); break;
                case ("ward_seed_point", Point point):
                    var name = ((string)feature.Attributes["ward_name"]).Normalize(NormalizationForm.FormC);
                    if (!seeds.TryAdd(name, DemoGeo.Factory.CreatePoint(point.Coordinate)))
                        throw new InvalidDataException($"{GeometryFile}: two seed points for '{name}'.");
                    break;
                case var (kind, geometry):
                    throw new InvalidDataException($"{GeometryFile}: unexpected feature kind '{kind}' with a {geometry?.GeometryType}.");
            }
        }
        return (outline ?? throw new InvalidDataException($"{GeometryFile}: no city_outline feature."), seeds);
    }

    private static string HashFiles(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            sha.AppendData(File.ReadAllBytes(file));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
