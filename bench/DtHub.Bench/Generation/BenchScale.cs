using System.Globalization;

namespace DtHub.Bench.Generation;

/// <summary>
/// How much of the national dataset to generate: <c>national</c> (1.0), <c>city</c> (one province band of
/// about 300 wards) or a fraction such as <c>0.1</c>. Counts scale with the number of ward rows.
/// </summary>
public sealed record BenchScale(string Name, int Rows)
{
    /// <summary>Ward rows of the national grid (37 columns × 288 rows ≈ 10,656 wards).</summary>
    public const int NationalRows = 288;
    public const int Columns = 37;
    public const int Provinces = 34;

    public double Fraction => (double)Rows / NationalRows;
    public int Wards => Rows * Columns;
    public int Merchants => (int)Math.Round(1_000_000 * Fraction);
    public int WifiPoints => (int)Math.Round(100_000 * Fraction);
    public int ModelStreets => (int)Math.Round(20_000 * Fraction);
    public const int Months = 36;

    public static BenchScale Parse(string value) => value switch
    {
        "national" => new("national", NationalRows),
        "city" => new("city", 8),
        _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 1
            => new(value, Math.Max(8, (int)Math.Round(NationalRows * f))),
        _ => throw new ArgumentException($"--scale: '{value}' is not city, national or a fraction in (0, 1]."),
    };
}
