using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DtHub.Api.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("DTHUB_DB") ?? "Host=127.0.0.1;Port=5433;Database=dthub;Username=dthub";
        var options = new DbContextOptionsBuilder<HubDbContext>();
        DataModule.ConfigureContext(options, DataModule.CreateDataSource(connectionString));
        return new HubDbContext(options.Options);
    }
}
