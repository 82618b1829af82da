namespace DtHub.Api.Features.Auth;

/// <summary>Names shared by the API-key scheme and the gate.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
}
