namespace DtHub.Api.Features.Demo;

/// <summary>Loads the Vũng Tàu demo data into an empty database.</summary>
public sealed class DemoSeeder
{
    public Task<bool> SeedIfEmptyAsync(Action<string> progress) => throw new NotImplementedException();
}
