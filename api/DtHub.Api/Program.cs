using DtHub.Api.Data;
using DtHub.Api.Data.Outage;
using DtHub.Api.Data.Replica;
using DtHub.Api.Features.Auth;
using DtHub.Api.Features.Changes;
using DtHub.Api.Features.Choropleth;
using DtHub.Api.Features.Gaps;
using DtHub.Api.Features.Import;
using DtHub.Api.Features.Jobs;
using DtHub.Api.Features.Merchants;
using DtHub.Api.Features.ModelStreets;
using DtHub.Api.Features.Neighborhoods;
using DtHub.Api.Features.Ogc;
using DtHub.Api.Features.Reports;
using DtHub.Api.Features.Targets;
using DtHub.Api.Features.Teams;
using DtHub.Api.Features.Tiles;
using DtHub.Api.Features.Wards;
using DtHub.Api.Features.WebClient;
using DtHub.Api.Features.Wifi;
using DtHub.Api.GraphQL.Transport;
using DtHub.Api.GraphQL.Idempotency;
using DtHub.Api.GraphQL.PersistedOperations;
using DtHub.Api.GraphQL;
using DtHub.Api.Hosting;
using DtHub.Api.Hosting.Telemetry;

if (HubCommands.IsCommand(args))
    return await HubCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddHubDatabase();
builder.AddHubReadReplica();
builder.AddDatabaseOutageHandling();
builder.AddDatabaseStartup();
builder.AddHubHealth();
builder.AddHubTelemetry();
builder.AddHubGraphQL();
builder.AddGraphQLTransport();
builder.AddPersistedOperations();
builder.AddIdempotencyKeys();
builder.AddHubAccess();
builder.AddHubImport();
builder.AddWebClient();
builder.AddHubJobs();

builder.Services
    .AddWards()
    .AddNeighborhoods()
    .AddTeams()
    .AddMerchants()
    .AddWifi()
    .AddModelStreets()
    .AddReports()
    .AddTargets()
    .AddGaps()
    .AddChoropleth()
    .AddChangeFeed()
    .AddOgcFeatures();

var app = builder.Build();

app.UseDatabaseOutageHandling();
app.UseReadReplicaRouting();
app.UseHubAccess();
app.UseIdempotencyKeys();
app.MapHubHealth();
app.MapHubGraphQL();
app.MapOgcFeatures();
app.MapMonthlyReport();
app.MapTiles();
app.MapWardGapExports();
app.MapWebClient();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
