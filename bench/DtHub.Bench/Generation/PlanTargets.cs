using DtHub.Api.Data;
using DtHub.Api.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Bench.Generation;

/// <summary>
/// The targets of the demo's plans (<c>db/demo/targets-from-plans.csv</c>, read by the API's own reader) put on the
/// bench dataset: the province's bar for "the city and each ward" then applies to every generated ward, so wards fall
/// below target (without targets, "units below target" and the gap report's first section measured empty answers).
/// Targets named for one real commune match no generated ward and stay unassigned, as in any other city.
/// </summary>
public static class PlanTargets
{
    public static async Task EnsureAsync(HubDbContext db, string path, Action<string> log)
    {
        if (await db.Targets.AnyAsync()) return;
        var targets = TargetsFile.Read(path, "Vũng Tàu", _ => null);
        db.Targets.AddRange(targets);
        await db.SaveChangesAsync();
        log($"targets: {targets.Count} from {Path.GetFileName(path)}");
    }
}
