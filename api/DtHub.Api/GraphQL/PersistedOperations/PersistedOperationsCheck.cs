using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>
/// Validates every registered operation against the schema when the API starts: a broken one stops start-up instead
/// of failing an integration at night. The transport's limits still apply to it at each request.
/// </summary>
public sealed class PersistedOperationsCheck(PersistedOperationRegistry registry, ISchema schema, IDocumentValidator validator,
    IServiceProvider services, ILogger<PersistedOperationsCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        schema.Initialize();
        using var scope = services.CreateScope();
        var problems = new List<string>();
        foreach (var registered in registry.All)
        {
            foreach (var operation in registered.Document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                var result = await validator.ValidateAsync(new ValidationOptions
                {
                    Schema = schema,
                    Document = registered.Document,
                    Operation = operation,
                    Rules = DocumentValidator.CoreRules,
                    Variables = global::GraphQL.Inputs.Empty,
                    Extensions = global::GraphQL.Inputs.Empty,
                    RequestServices = scope.ServiceProvider,
                    UserContext = new Dictionary<string, object?>(),
                    Metrics = global::GraphQL.Instrumentation.Metrics.None,
                    CancellationToken = cancellationToken,
                });
                // Variables are the caller's to give; only the document itself must be valid.
                problems.AddRange(result.Errors.Where(e => e is not InvalidVariableError)
                    .Select(e => $"{registered.Id}: {e.Message}"));
            }
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"Registered GraphQL operations do not validate against the schema: {string.Join(" | ", problems)}");
        var count = registry.All.Count;
        if (logger.IsEnabled(LogLevel.Information)) logger.LogInformation("{Count} registered GraphQL operations validated", count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
