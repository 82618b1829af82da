using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace DtHub.Api.Features.Targets;

/// <summary>
/// Reads <c>targets-from-plans.csv</c>: one numeric target per row, percentages turned into fractions (65 → 0.65)
/// and the plan's scope text mapped to a <see cref="TargetScope"/>.
/// </summary>
public static partial class TargetsFile
{
    /// <summary>Reads the file; <paramref name="wardIdByName"/> resolves a unit named in a scope ("Long Sơn") to a hub ward.</summary>
    /// <exception cref="InvalidDataException">A row is malformed; the message names the row, the field and why.</exception>
    public static List<Target> Read(string path, string cityName, Func<string, int?> wardIdByName)
    {
        using var csv = CsvReader.FromFile(path, Options);
        return Read(csv, Path.GetFileName(path), cityName, wardIdByName);
    }

    /// <summary>Parses CSV text (as the file holds it).</summary>
    public static List<Target> Parse(string text, string fileName, string cityName, Func<string, int?> wardIdByName)
    {
        using var csv = CsvReader.FromText(text, Options);
        return Read(csv, fileName, cityName, wardIdByName);
    }

    private static CsvReaderOptions Options => new() { Separator = ',', TrackLineNumbers = true };

    private static List<Target> Read(CsvReader csv, string fileName, string cityName, Func<string, int?> wardIdByName)
    {
        var targets = new List<Target>();
        while (csv.Read())
        {
            var row = csv.LineNumber;
            string Field(string name) => (csv.GetStringOrNull(name) ?? "").Trim();
            InvalidDataException Bad(string field, string why) => new($"{fileName} line {row}: {field} '{Field(field)}' {why}.");

            if (!decimal.TryParse(Field("target_percent"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
                || percent > 100)
                throw Bad("target_percent", "is not a percentage between 0 and 100");
            if (!DateOnly.TryParseExact(Field("deadline"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline))
                throw Bad("deadline", "is not a date (yyyy-MM-dd)");
            var indicator = Field("indicator");
            if (indicator.Length == 0) throw Bad("indicator", "is blank");
            var scopeLabel = Field("scope");
            var scopes = MapScope(scopeLabel, cityName, wardIdByName) ?? throw Bad("scope",
                "is not understood (expected e.g. 'city (Name)', 'each ward (Name)', 'city and each ward (Name)', 'ward (Name)', 'commune (Name)', 'each model street')");

            foreach (var (scope, wardId) in scopes)
            {
                targets.Add(new Target
                {
                    Indicator = indicator,
                    DescriptionVi = Field("description_vi"),
                    DescriptionEn = Field("description_en"),
                    Scope = scope,
                    WardId = wardId,
                    ScopeLabel = scopeLabel,
                    Value = percent / 100m,
                    Deadline = deadline,
                    SourceFile = Field("source_file"),
                    Note = Field("note") is { Length: > 0 } note ? note : null,
                });
            }
        }
        return targets;
    }

    /// <summary>
    /// "city and each ward (Vũng Tàu)" gives two targets, City and EachWard: leaders compare every ward with the
    /// same bar the province set for the city, and planners ask either question without parsing the label.
    /// A unit outside the hub's map ("commune (Tam Phước)") is kept as <see cref="TargetScope.OtherUnit"/>.
    /// </summary>
    internal static List<(TargetScope Scope, int? WardId)>? MapScope(string label, string cityName, Func<string, int?> wardIdByName)
    {
        var match = ScopePattern().Match(label);
        if (!match.Success) return null;
        var what = match.Groups["what"].Value.Trim().ToLowerInvariant();
        var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value.Trim() : null;
        var ourCity = unit is null || string.Equals(unit, cityName, StringComparison.OrdinalIgnoreCase);

        switch (what)
        {
            case "each model street" when ourCity:
                return [(TargetScope.EachModelStreet, null)];
            case "city" or "each ward" or "city and each ward" when !ourCity:
                return [(TargetScope.OtherUnit, null)];
            case "city":
                return [(TargetScope.City, null)];
            case "each ward":
                return [(TargetScope.EachWard, null)];
            case "city and each ward":
                return [(TargetScope.City, null), (TargetScope.EachWard, null)];
            case "ward" or "commune" when unit is not null:
                var prefix = what == "ward" ? "Phường" : "Xã";
                var wardId = wardIdByName(unit) ?? wardIdByName($"{prefix} {unit}");
                return [(wardId is null ? TargetScope.OtherUnit : TargetScope.Ward, wardId)];
            default:
                return null;
        }
    }

    [GeneratedRegex(@"^(?<what>[^()]+?)\s*(\((?<unit>[^()]+)\))?$")]
    private static partial Regex ScopePattern();
}
