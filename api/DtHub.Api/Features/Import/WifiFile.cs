using DtHub.Api.Features.Wifi;

namespace DtHub.Api.Features.Import;

/// <summary>A Wi-Fi point row that passed every check that needs no database.</summary>
internal sealed record WifiRow(int Row, string Name, string? Ssid, string? Operator, WifiVenueType VenueType, double Lon, double Lat, int RadiusMeters, WifiStatus Status);

/// <summary>Reads a public Wi-Fi registry (CSV/XLSX): name, SSID, operator, venue type, latitude, longitude, radius, status.</summary>
internal static class WifiFile
{
    public const int DefaultRadiusMeters = 50;

    private const string Name = "name", Ssid = "ssid", Operator = "operator", Venue = "venue type", Lat = "latitude", Lon = "longitude",
        Radius = "radius", Status = "status";

    private static readonly HeaderMap.Field[] Fields =
    [
        new(Ssid, HeaderMap.Named(["ssid", "tenwifi", "tenmang", "wifiname", "network"]), Required: false),
        new(Operator, HeaderMap.Named(["operator", "nhamang", "donvicungcap", "nhacungcap", "provider", "isp"]), Required: false),
        new(Venue, HeaderMap.Named(["venue", "venuetype", "type", "loai", "loaidiadiem", "diadiem", "loaihinh"], ["venue", "loaidiadiem"]), Required: false),
        new(Radius, HeaderMap.Named(["radius", "radiusm", "radiusmeters", "bankinh", "bankinhm", "phamvi", "phamvim"], ["bankinh", "radius", "phamvi"]), Required: false),
        new(Status, HeaderMap.Named(["status", "trangthai", "tinhtrang"]), Required: false),
        new(Name, HeaderMap.Named(["name", "ten", "tendiem", "tendiemwifi", "vitri", "wifipoint"], ["tendiem"])),
        new(Lat, HeaderMap.Named(["lat", "latitude", "vido", "y"])),
        new(Lon, HeaderMap.Named(["lon", "lng", "long", "longitude", "kinhdo", "x"])),
    ];

    private static readonly Dictionary<string, WifiVenueType> Venues = new(StringComparer.Ordinal)
    {
        ["congvien"] = WifiVenueType.PublicSpace, ["quangtruong"] = WifiVenueType.PublicSpace, ["khonggiancongcong"] = WifiVenueType.PublicSpace, ["noicongcong"] = WifiVenueType.PublicSpace,
        ["baibien"] = WifiVenueType.Beach, ["bien"] = WifiVenueType.Beach,
        ["diemdulich"] = WifiVenueType.TouristSite, ["khudulich"] = WifiVenueType.TouristSite, ["ditich"] = WifiVenueType.TouristSite,
        ["trungtamthuongmai"] = WifiVenueType.Mall, ["tttm"] = WifiVenueType.Mall, ["sieuthi"] = WifiVenueType.Supermarket,
        ["cho"] = WifiVenueType.Market, ["coquan"] = WifiVenueType.Government, ["ubnd"] = WifiVenueType.Government, ["trusoubnd"] = WifiVenueType.Government,
        ["benhvien"] = WifiVenueType.Hospital, ["tramyte"] = WifiVenueType.Hospital, ["truong"] = WifiVenueType.School, ["truonghoc"] = WifiVenueType.School,
        ["khac"] = WifiVenueType.Other,
    };

    private static readonly Dictionary<string, WifiStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["hoatdong"] = WifiStatus.Active, ["danghoatdong"] = WifiStatus.Active, ["on"] = WifiStatus.Active,
        ["ngung"] = WifiStatus.Inactive, ["ngunghoatdong"] = WifiStatus.Inactive, ["khonghoatdong"] = WifiStatus.Inactive, ["hong"] = WifiStatus.Inactive, ["off"] = WifiStatus.Inactive,
        ["kehoach"] = WifiStatus.Planned, ["dukien"] = WifiStatus.Planned, ["sap"] = WifiStatus.Planned,
    };

    public static IEnumerable<WifiRow> Read(byte[] content, string fileName, ImportResult result)
    {
        using var rows = TabularFile.Read(content, fileName).GetEnumerator();
        var (map, _, missing) = HeaderMap.Find(rows, Fields);
        if (map is null)
        {
            result.Reject(0, null, $"no header row found: no column for {string.Join(", ", missing)} (expected e.g. 'Tên điểm', 'SSID', 'Vĩ độ', 'Kinh độ', 'Bán kính (m)')");
            yield break;
        }
        var seen = new HashSet<(string, double, double)>();
        while (rows.MoveNext())
        {
            var row = rows.Current;
            if (row.IsBlank || Validate(row, map, result) is not { } point) continue;
            if (!seen.Add((point.Name, point.Lon, point.Lat)))
                result.Reject(row.Number, Name, $"'{point.Name}' at the same location appears earlier in the file");
            else yield return point;
        }
    }

    private static WifiRow? Validate(TableRow row, HeaderMap map, ImportResult result)
    {
        if (map.Overflow(row) is { } overflow) { result.Reject(row.Number, null, overflow); return null; }
        var ok = true;
        void Reject(string field, string reason) { result.Reject(row.Number, field, reason); ok = false; }
        string? Text(string field, int maxLength)
        {
            if (!map.Has(field) || CellText.Clean(row[map[field]]) is not { } text) return null;
            if (text.Length > maxLength) Reject(field, $"is {text.Length} characters long, at most {maxLength} are allowed");
            return text;
        }

        var name = Text(Name, 200);
        if (name is null) Reject(Name, "name is missing");
        var ssid = Text(Ssid, 64);
        var op = Text(Operator, 100);
        var venue = WifiVenueType.Other;
        if (Text(Venue, 100) is { } venueLabel && !TryLabel(venueLabel, Venues, out venue))
            Reject(Venue, $"'{venueLabel}' is not a known venue type ({string.Join(", ", Enum.GetNames<WifiVenueType>())}, or e.g. 'Bãi biển', 'Công viên', 'Chợ')");
        var status = WifiStatus.Active;
        if (Text(Status, 50) is { } statusLabel && !TryLabel(statusLabel, Statuses, out status))
            Reject(Status, $"'{statusLabel}' is not a status (Active/Inactive/Planned, 'Hoạt động', 'Ngừng', 'Kế hoạch')");
        var radius = DefaultRadiusMeters;
        if (map.Has(Radius))
        {
            if (!CellText.TryParseCount(row[map[Radius]], out var r, out var radiusError)) Reject(Radius, radiusError!);
            else if (r is { } given && given is < 1 or > 5000) Reject(Radius, $"{given} m is outside 1–5000 m");
            else radius = r ?? DefaultRadiusMeters;
        }

        var (lat, lon) = Coordinates.Read(row[map[Lat]], row[map[Lon]], Reject) ?? (0, 0);

        return ok ? new WifiRow(row.Number, name!, ssid, op, venue, Math.Round(lon, 7), Math.Round(lat, 7), radius, status) : null;
    }

    private static bool TryLabel<T>(string label, Dictionary<string, T> labels, out T value) where T : struct, Enum
    {
        var key = UnitNameKey.Fold(label).Replace(" ", "", StringComparison.Ordinal);
        if (labels.TryGetValue(key, out value)) return true;
        return !label.Any(char.IsDigit) && Enum.TryParse(key, ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
