namespace DtHub.Api.Data.Replica;

/// <summary>
/// <c>ReadReplica</c> settings: a read-only PostgreSQL (a streaming standby of the hub's database) that serves read
/// traffic. <c>ConnectionStrings:ReadReplica</c> or <c>DTHUB_DB_READ</c> set the connection string; without one every
/// read goes to the primary.
/// </summary>
public sealed class ReadReplicaOptions
{
    public const string Section = "ReadReplica";

    /// <summary>Npgsql connection string of the standby; empty means no replica.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>HTTP paths whose GET requests only read and so go to the replica (GraphQL queries are routed by operation type).</summary>
    public string[] Paths { get; set; } = ["/tiles", "/ogc", "/exports", "/reports"];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}
