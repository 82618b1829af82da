using System.Text;

namespace DtHub.Api.Features.Demo;

/// <summary>
/// SplitMix64: a tiny pseudo-random generator defined here, so the demo rows stay the same byte for byte
/// whatever .NET does to <see cref="Random"/>. Each generator takes its own named stream, so changing how
/// merchants are drawn does not move the Wi-Fi points.
/// </summary>
internal sealed class DemoRandom(ulong state)
{
    private ulong _state = state;

    public static DemoRandom For(int seed, string stream) => new(((ulong)(uint)seed << 32) ^ Fnv1a(stream));

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Index drawn with probability proportional to its weight.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var target = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public DateOnly DateBetween(DateOnly first, DateOnly last) => first.AddDays(Next(last.DayNumber - first.DayNumber + 1));

    // string.GetHashCode is randomised per process; FNV-1a over UTF-8 is stable everywhere.
    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
