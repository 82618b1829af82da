using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.Data;

/// <summary>Where the hub's PostgreSQL is. Bound from <c>ConnectionStrings:Hub</c> and <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Npgsql connection string; <c>ConnectionStrings:Hub</c> or <c>DTHUB_DB</c> set it.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the host starts (docker compose uses this).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Load the Vũng Tàu demo data on start if the database has none.</summary>
    public bool SeedDemoOnStartup { get; set; }
}
