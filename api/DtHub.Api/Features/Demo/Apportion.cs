namespace DtHub.Api.Features.Demo;

/// <summary>Splits a whole number in proportion to weights so the parts add up exactly (largest remainder).</summary>
internal static class Apportion
{
    public static int[] Split(int total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToArray();
        var parts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - parts.Sum();
        // Ties go to the earlier index, so the split is deterministic.
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left))
            parts[i]++;
        return parts;
    }
}
