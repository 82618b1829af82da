using System.Security.Cryptography;
using System.Text;
using GraphQL.Execution;
using Microsoft.Extensions.Options;

namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>
/// The registered operations, read once from the folder of <c>.graphql</c> files that ships with the API. Found by id
/// (file name) or by the SHA-256 of the file's exact text, which is what Apollo and Relay clients compute at build time.
/// </summary>
public sealed class PersistedOperationRegistry
{
    private readonly Dictionary<string, PersistedOperation> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PersistedOperation> _byHash = new(StringComparer.Ordinal);

    public PersistedOperationRegistry(IOptions<PersistedOperationsOptions> options, IDocumentBuilder documents)
    {
        var folder = options.Value.FullFolder;
        if (options.Value.Mode == PersistedOperationsMode.Off) return;
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"The persisted operations folder '{folder}' does not exist ({PersistedOperationsOptions.Key(nameof(PersistedOperationsOptions.Folder))}).");
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.graphql").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file, Encoding.UTF8);
            var id = Path.GetFileNameWithoutExtension(file);
            GraphQLParser.AST.GraphQLDocument document;
            try
            {
                document = documents.Build(text);
            }
            catch (Exception e) when (e is global::GraphQL.ExecutionError or GraphQLParser.Exceptions.GraphQLParserException)
            {
                throw new InvalidOperationException($"Persisted operation '{id}' ({file}) does not parse: {e.Message}", e);
            }
            var operation = new PersistedOperation(id, HashOf(text), text, document);
            _byId.Add(id, operation);
            _byHash.TryAdd(operation.Sha256, operation);
        }
    }

    public IReadOnlyCollection<PersistedOperation> All => _byId.Values;

    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>By <c>sha256:HEX</c>, bare 64-digit hex, or id (the file name).</summary>
    public PersistedOperation? Find(string documentId)
    {
        if (documentId.StartsWith("sha256:", StringComparison.Ordinal)) return FindByHash(documentId["sha256:".Length..]);
        return _byId.GetValueOrDefault(documentId) ?? FindByHash(documentId);
    }

    public PersistedOperation? FindByHash(string sha256) => _byHash.GetValueOrDefault(sha256.ToLowerInvariant());
}
