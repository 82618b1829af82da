using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Wifi;

/// <summary>createWifiPoint / updateWifiPoint / deleteWifiPoint.</summary>
public sealed class WifiPointMutations : IMutationFields
{
    public void AddTo(HubMutation mutation) =>
        mutation.AddCrud<WifiPointPayloadGraphType, CreateWifiPointInputGraphType, UpdateWifiPointInputGraphType, WifiPoint>(
            "WifiPoint", "Adds a public Wi-Fi point; its ward is derived from the location.", SaveAsync,
            (db, id) => db.WifiPoints.Where(w => w.Id == id));

    private static async Task<Payload<WifiPoint>> SaveAsync(IResolveFieldContext context, bool creating)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var id = creating ? null : input.Id("id", "WifiPoint", required: true);
        var name = input.Text("name", required: creating, maxLength: 200);
        var location = input.Geometry<Point>("location", required: creating, "Point");
        var radius = input.Value<int>("radiusMeters", required: creating);
        if (radius is < 1 or > 5000)
            input.Errors.Add(new MutationError("OUT_OF_RANGE", "radiusMeters", $"radiusMeters must be 1–5,000 m, not {radius}."));
        var ssid = input.Text("ssid", required: false, maxLength: 64);
        var provider = input.Text("operator", required: false, maxLength: 100);
        if (input.Errors.Count > 0) return Payload<WifiPoint>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var wifi = creating
            ? new WifiPoint { Name = name!, Location = location! }
            : await db.WifiPoints.FirstOrDefaultAsync(w => w.Id == id, context.CancellationToken);
        if (wifi is null) return Payload<WifiPoint>.Failed(MutationError.NotFound("id", "Wi-Fi point"));

        if (location is not null)
        {
            var place = await WardLocator.LocateAsync(db, location, context.CancellationToken);
            if (place is null) return Payload<WifiPoint>.Failed(WardLocator.OutsideWards("location"));
            wifi.Location = location;
            wifi.WardId = place.WardId;
        }
        if (name is not null) wifi.Name = name;
        if (radius is { } r) wifi.RadiusMeters = r;
        if (input.Has("ssid")) wifi.Ssid = ssid;
        if (input.Has("operator")) wifi.Operator = provider;
        if (input.Value<WifiVenueType>("venueType", false) is { } venue) wifi.VenueType = venue;
        if (input.Value<WifiStatus>("status", false) is { } status) wifi.Status = status;
        if (await WriteAccess.DenyAsync(context, location is null ? "id" : "location", WriteAccess.Target.WifiPoint, id, wifi.WardId) is { } denied)
            return Payload<WifiPoint>.Failed(denied);
        wifi.UpdatedAt = DateTimeOffset.UtcNow;
        if (creating) db.WifiPoints.Add(wifi);
        await db.SaveChangesAsync(context.CancellationToken);
        return new Payload<WifiPoint>(wifi, []);
    }
}

public sealed class WifiPointPayloadGraphType() : PayloadGraphType<WifiPointGraphType, WifiPoint>("WifiPointPayload", "wifiPoint");

public abstract class WifiPointInputGraphType : InputObjectGraphType
{
    protected WifiPointInputGraphType(string name, bool creating)
    {
        Name = name;
        Description = creating ? "A new Wi-Fi point; the ward is derived from the location." : "Fields to change; omitted fields stay as they are.";
        if (!creating) Field<NonNullGraphType<IdGraphType>>("id").Description("The Wi-Fi point to change.");
        Field<StringGraphType>("name").Description("Name of the place (required on create).");
        Field<GeoJsonGraphType>("location").Description("GeoJSON Point [lon, lat] (required on create).");
        Field<IntGraphType>("radiusMeters").Description("Nominal coverage radius, 1–5,000 m (required on create).");
        Field<StringGraphType>("ssid").Description("Network name.");
        Field<StringGraphType>("operator").Description("Who runs it.");
        Field<WifiVenueTypeGraphType>("venueType").Description("Kind of place.");
        Field<WifiStatusGraphType>("status").Description("Operational state.");
    }
}

public sealed class CreateWifiPointInputGraphType() : WifiPointInputGraphType("CreateWifiPointInput", creating: true);

public sealed class UpdateWifiPointInputGraphType() : WifiPointInputGraphType("UpdateWifiPointInput", creating: false);
