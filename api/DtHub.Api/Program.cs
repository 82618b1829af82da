using DtHub.Api.Data;
using DtHub.Api.Features.Import;
using DtHub.Api.Features.Reports;
using DtHub.Api.GraphQL;
using DtHub.Api.Hosting;

if (HubCommands.IsCommand(args))
    return await HubCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddHubDatabase();
builder.AddHubHealth();
builder.AddHubGraphQL();
builder.AddHubImport();

var app = builder.Build();

app.MapHubHealth();
app.MapMonthlyReport();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
