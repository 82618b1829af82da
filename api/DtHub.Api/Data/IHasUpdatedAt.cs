namespace DtHub.Api.Data;

/// <summary>Rows that integrations mirror incrementally carry the time of their last change.</summary>
public interface IHasUpdatedAt
{
    DateTimeOffset UpdatedAt { get; set; }
}
