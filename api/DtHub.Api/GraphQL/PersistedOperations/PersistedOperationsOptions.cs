using System.ComponentModel.DataAnnotations;

namespace DtHub.Api.GraphQL.PersistedOperations;

/// <summary>Who must use registered operations instead of sending a document of their own.</summary>
public enum PersistedOperationsMode
{
    /// <summary>Registered operations are not served; <c>documentId</c> and <c>persistedQuery</c> are refused.</summary>
    Off,

    /// <summary>Anyone may run a registered operation by id or hash, or send a document; API keys flagged "persisted only" must use registered ones.</summary>
    Allow,

    /// <summary>Every API key runs registered operations only; people with tokens may still send documents.</summary>
    Require,
}

/// <summary>Persisted (registered) operations, section <c>GraphQL:PersistedOperations</c>.</summary>
public sealed class PersistedOperationsOptions
{
    public const string Section = "GraphQL:PersistedOperations";

    /// <summary>Off, Allow (default) or Require.</summary>
    public PersistedOperationsMode Mode { get; set; } = PersistedOperationsMode.Allow;

    /// <summary>Folder of the registered <c>.graphql</c> files; relative paths start at the binaries (where the build copies <c>PersistedOperations/</c>).</summary>
    [Required]
    public string Folder { get; set; } = "PersistedOperations";

    public static string Key(string name) => $"{Section}:{name}";

    public string FullFolder => Path.IsPathRooted(Folder) ? Folder : Path.Combine(AppContext.BaseDirectory, Folder);
}
