using DtHub.Api.Features.Import;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Targets;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.Wifi;
using Microsoft.EntityFrameworkCore;

namespace DtHub.Api.Data;

/// <summary>The hub's PostGIS database. Each feature configures its own entities (see <c>*Configuration.cs</c>).</summary>
public class HubDbContext(DbContextOptions<HubDbContext> options) : DbContext(options)
{
    public const string VietnameseCollation = "vietnamese";

    public DbSet<Ward> Wards => Set<Ward>();
    public DbSet<WardLineage> WardLineage => Set<WardLineage>();
    public DbSet<Neighborhood> Neighborhoods => Set<Neighborhood>();
    public DbSet<NeighborhoodLineage> NeighborhoodLineage => Set<NeighborhoodLineage>();
    public DbSet<WardReport> WardReports => Set<WardReport>();
    public DbSet<Target> Targets => Set<Target>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamMemberContact> TeamMemberContacts => Set<TeamMemberContact>();
    public DbSet<Merchant> Merchants => Set<Merchant>();
    public DbSet<Market> Markets => Set<Market>();
    public DbSet<WifiPoint> WifiPoints => Set<WifiPoint>();
    public DbSet<ModelStreet> ModelStreets => Set<ModelStreet>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.HasPostgresExtension("unaccent");
        // Vietnamese alphabetical order with numbers compared as numbers: "Phường 2" before "Phường 10".
        modelBuilder.HasCollation(VietnameseCollation, locale: "vi-u-kn-true", provider: "icu", deterministic: true);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
        modelBuilder.ApplySpatialConventions();
        modelBuilder.MapHubFunctions();
        foreach (var name in modelBuilder.Model.GetEntityTypes().Select(e => e.FindProperty("Name")).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableProperty>())
            if (name.ClrType == typeof(string)) name.SetCollation(VietnameseCollation);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and stable when members are reordered.
        configurationBuilder.Properties<WardKind>().HaveConversion<string>();
        configurationBuilder.Properties<LineageChange>().HaveConversion<string>();
        configurationBuilder.Properties<NeighborhoodKind>().HaveConversion<string>();
        configurationBuilder.Properties<TargetScope>().HaveConversion<string>();
        configurationBuilder.Properties<TeamLevel>().HaveConversion<string>();
        configurationBuilder.Properties<TeamRole>().HaveConversion<string>();
        configurationBuilder.Properties<MerchantCategory>().HaveConversion<string>();
        configurationBuilder.Properties<WifiVenueType>().HaveConversion<string>();
        configurationBuilder.Properties<WifiStatus>().HaveConversion<string>();
    }
}
