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

namespace DtHub.Api.Features.ModelStreets;

/// <summary>createModelStreet / updateModelStreet / deleteModelStreet.</summary>
public sealed class ModelStreetMutations : IMutationFields
{
    public void AddTo(HubMutation mutation) =>
        mutation.AddCrud<ModelStreetPayloadGraphType, CreateModelStreetInputGraphType, UpdateModelStreetInputGraphType, ModelStreet>(
            "ModelStreet", "Designates a model street; its ward is the one containing the middle of the line.", SaveAsync,
            (db, id) => db.ModelStreets.Where(s => s.Id == id));

    private static async Task<Payload<ModelStreet>> SaveAsync(IResolveFieldContext context, bool creating)
    {
        var input = new InputReader((IDictionary<string, object?>)context.Arguments!["input"].Value!);
        var id = creating ? null : input.Id("id", "ModelStreet", required: true);
        var name = input.Text("name", required: creating, maxLength: 200);
        var line = input.Geometry<Geometry>("geometry", required: creating, "LineString or MultiLineString");
        MultiLineString? geometry = line switch
        {
            null => null,
            MultiLineString m => m,
            LineString l => new MultiLineString([l], l.Factory),
            _ => null,
        };
        if (line is not null && geometry is null)
            input.Errors.Add(new MutationError("INVALID_GEOMETRY", "geometry", $"geometry must be a GeoJSON LineString or MultiLineString, not a {line.GeometryType}."));
        if (geometry is not null) geometry.SRID = SpatialConventions.Srid;
        var designatedOn = input.Value<DateOnly>("designatedOn", required: false);
        if (input.Errors.Count > 0) return Payload<ModelStreet>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var street = creating
            ? new ModelStreet { Name = name!, Geometry = geometry!, DesignatedOn = designatedOn ?? DateOnly.FromDateTime(DateTime.UtcNow) }
            : await db.ModelStreets.FirstOrDefaultAsync(s => s.Id == id, context.CancellationToken);
        if (street is null) return Payload<ModelStreet>.Failed(MutationError.NotFound("id", "model street"));

        if (geometry is not null)
        {
            var place = await WardLocator.LocateAsync(db, geometry.InteriorPoint, context.CancellationToken);
            if (place is null) return Payload<ModelStreet>.Failed(WardLocator.OutsideWards("geometry"));
            street.Geometry = geometry;
            street.WardId = place.WardId;
        }
        if (name is not null) street.Name = name;
        if (designatedOn is { } d) street.DesignatedOn = d;
        if (await WriteAccess.DenyAsync(context, geometry is null ? "id" : "geometry", WriteAccess.Target.ModelStreet, id, street.WardId) is { } denied)
            return Payload<ModelStreet>.Failed(denied);
        street.UpdatedAt = DateTimeOffset.UtcNow;
        if (creating) db.ModelStreets.Add(street);
        await db.SaveChangesAsync(context.CancellationToken);
        return new Payload<ModelStreet>(street, []);
    }
}

public sealed class ModelStreetPayloadGraphType() : PayloadGraphType<ModelStreetGraphType, ModelStreet>("ModelStreetPayload", "modelStreet");

public abstract class ModelStreetInputGraphType : InputObjectGraphType
{
    protected ModelStreetInputGraphType(string name, bool creating)
    {
        Name = name;
        Description = creating ? "A new model street; the ward is derived from the line." : "Fields to change; omitted fields stay as they are.";
        if (!creating) Field<NonNullGraphType<IdGraphType>>("id").Description("The model street to change.");
        Field<StringGraphType>("name").Description("Street name (required on create).");
        Field<GeoJsonGraphType>("geometry").Description("GeoJSON LineString or MultiLineString (required on create).");
        Field<DateOnlyGraphType>("designatedOn").Description("Designation date (default today).");
    }
}

public sealed class CreateModelStreetInputGraphType() : ModelStreetInputGraphType("CreateModelStreetInput", creating: true);

public sealed class UpdateModelStreetInputGraphType() : ModelStreetInputGraphType("UpdateModelStreetInput", creating: false);
