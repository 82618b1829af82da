using System.Globalization;

namespace DtHub.Api.Features.Import;

/// <summary>
/// Checks a typed latitude/longitude before it becomes a WGS 84 point: swapped columns (lat ≈ 107, lon ≈ 10 in
/// Vietnam), projected coordinates (VN-2000 / UTM metres: a wrong SRID) and places far outside the country.
/// </summary>
public static class Coordinates
{
    // Vietnam's extent with a margin (islands included), in degrees.
    private const double MinLat = 8.0, MaxLat = 23.6, MinLon = 102.0, MaxLon = 117.9;

    /// <summary>Null when the point is plausible; otherwise the reason and, where we can tell, the fix.</summary>
    public static string? Problem(double lat, double lon, string swapFix = "swap the two columns")
    {
        if (InVietnam(lat: lon, lon: lat))
            return $"latitude and longitude look swapped (lat {F(lat)}, lon {F(lon)}): Vietnam is near lat 10, lon 107; {swapFix}";
        if (double.Abs(lat) > 90 || double.Abs(lon) > 180)
            return $"({F(lat)}, {F(lon)}) are not degrees: give WGS 84 (EPSG:4326) latitude and longitude; these look projected (VN-2000 or UTM metres)";
        if (lat == 0 && lon == 0)
            return "0, 0 is a placeholder, not a location";
        if (!InVietnam(lat, lon))
            return $"({F(lat)}, {F(lon)}) is outside Vietnam: check the coordinates";
        return null;
    }

    /// <summary>
    /// Parses a latitude and a longitude cell and checks the point; problems go to <paramref name="reject"/>
    /// (field "latitude" or "longitude", reason) and the result is null.
    /// </summary>
    public static (double Lat, double Lon)? Read(string? latCell, string? lonCell, Action<string, string> reject)
    {
        var lat = Parse(latCell, "latitude", reject);
        var lon = Parse(lonCell, "longitude", reject);
        if (lat is null || lon is null) return null;
        if (Problem(lat.Value, lon.Value) is { } problem)
        {
            reject("latitude", problem);
            return null;
        }
        return (lat.Value, lon.Value);

        static double? Parse(string? cell, string field, Action<string, string> reject)
        {
            if (!CellText.TryParseDecimal(cell, out var value, out var error)) reject(field, error!);
            else if (value is null) reject(field, $"{field} is missing");
            return value;
        }
    }

    private static bool InVietnam(double lat, double lon) => lat is >= MinLat and <= MaxLat && lon is >= MinLon and <= MaxLon;

    private static string F(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
