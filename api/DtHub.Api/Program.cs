using DtHub.Api.Data;
using DtHub.Api.Features.Jobs;
using DtHub.Api.GraphQL;
using DtHub.Api.Hosting;

if (HubCommands.IsCommand(args))
    return await HubCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddHubDatabase();
builder.AddHubHealth();
builder.AddHubGraphQL();
builder.AddHubJobs();

var app = builder.Build();

app.MapHubHealth();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
