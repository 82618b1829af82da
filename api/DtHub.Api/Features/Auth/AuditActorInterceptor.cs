using DtHub.Api.Data;

namespace DtHub.Api.Features.Auth;

/// <summary>
/// Tells the database who is writing: when <see cref="WriteAccess"/> has allowed a write in this request, each
/// connection the request opens carries <c>dthub.actor</c>, which the audit trigger records.
/// </summary>
public sealed class AuditActorInterceptor(IHttpContextAccessor http) : RequestSessionSetting(http, WriteAccess.ActorItem, "dthub.actor");
