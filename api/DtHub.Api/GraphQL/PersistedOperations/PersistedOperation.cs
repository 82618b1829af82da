using GraphQLParser.AST;

namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>A registered operation: its id (the file name without <c>.graphql</c>), the SHA-256 of its text (lower-case hex) and the parsed document.</summary>
public sealed record PersistedOperation(string Id, string Sha256, string Text, GraphQLDocument Document);
