using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DtHub.Api.Tests.Infrastructure;

/// <summary>The real application (its DI, schema and options) pointed at the test database.</summary>
public sealed class HubApp(HubDatabase database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Hub", database.ConnectionString);
    }

    /// <summary>Executes a document against the app's schema in-process and returns the serialized response.</summary>
    public async Task<JsonElement> ExecuteAsync(string query, object? variables = null)
    {
        using var scope = Services.CreateScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>();
        var inputs = variables is null ? null : serializer.Deserialize<Inputs>(JsonSerializer.Serialize(variables));
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Variables = inputs,
            RequestServices = scope.ServiceProvider,
        });
        return JsonDocument.Parse(serializer.Serialize(result)).RootElement.Clone();
    }
}
