using DtHub.Api.Data;
using DtHub.Api.Features.Auth;
using DtHub.Api.Features.Wards;
using DtHub.Api.GraphQL;
using DtHub.Api.GraphQL.Mutations;
using DtHub.Api.GraphQL.Relay;
using DtHub.Api.GraphQL.Scalars;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace DtHub.Api.Features.Merchants;

/// <summary>createMerchant / updateMerchant / deleteMerchant.</summary>
public sealed class MerchantMutations : IMutationFields
{
    public void AddTo(HubMutation mutation) =>
        mutation.AddCrud<MerchantPayloadGraphType, CreateMerchantInputGraphType, UpdateMerchantInputGraphType, Merchant>(
            "Merchant", "Adds a merchant; its ward is derived from the location.", SaveAsync,
            (db, id) => db.Merchants.Where(m => m.Id == id));

    private static IDictionary<string, object?> Input(IResolveFieldContext context) =>
        (IDictionary<string, object?>)context.Arguments!["input"].Value!;

    private static async Task<Payload<Merchant>> SaveAsync(IResolveFieldContext context, bool creating)
    {
        var input = new InputReader(Input(context));
        var id = creating ? null : input.Id("id", "Merchant", required: true);
        var name = input.Text("name", required: creating, maxLength: 300);
        var category = input.Value<MerchantCategory>("category", required: creating);
        var location = input.Geometry<Point>("location", required: creating, "Point");
        var address = input.Text("address", required: false, maxLength: 500);
        var website = input.Text("website", required: false, maxLength: 300);
        var qrPayload = input.Text("qrPayload", required: false, maxLength: 512);
        var qrProvider = input.Text("qrProvider", required: false, maxLength: 100);
        if (input.Errors.Count > 0) return Payload<Merchant>.Failed(input.Errors);

        var factory = context.RequestServices!.GetRequiredService<IDbContextFactory<HubDbContext>>();
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        var merchant = creating
            ? new Merchant { Name = name!, Location = location! }
            : await db.Merchants.FirstOrDefaultAsync(m => m.Id == id, context.CancellationToken);
        if (merchant is null) return Payload<Merchant>.Failed(MutationError.NotFound("id", "merchant"));

        if (location is not null)
        {
            var place = await WardLocator.LocateAsync(db, location, context.CancellationToken);
            if (place is null) return Payload<Merchant>.Failed(WardLocator.OutsideWards("location"));
            merchant.Location = location;
            merchant.WardId = place.WardId;
            merchant.NeighborhoodId = place.NeighborhoodId;
        }
        if (name is not null) merchant.Name = name;
        if (category is { } cat) merchant.Category = cat;
        if (input.Has("address")) merchant.Address = address;
        if (input.Has("website")) merchant.Website = website;
        if (input.Has("qrPayload")) merchant.QrPayload = qrPayload;
        if (input.Has("qrProvider")) merchant.QrProvider = qrProvider;
        if (input.Value<bool>("acceptsQr", false) is { } qr) merchant.AcceptsQr = qr;
        if (input.Value<bool>("hasTransactions", false) is { } tx) merchant.HasTransactions = tx;
        if (input.Value<bool>("hasEInvoice", false) is { } invoice) merchant.HasEInvoice = invoice;
        if (await WriteAccess.DenyAsync(context, location is null ? "id" : "location", WriteAccess.Target.Merchant, id, merchant.WardId) is { } denied)
            return Payload<Merchant>.Failed(denied);
        merchant.UpdatedAt = DateTimeOffset.UtcNow;
        if (creating) db.Merchants.Add(merchant);
        await db.SaveChangesAsync(context.CancellationToken);
        return new Payload<Merchant>(merchant, []);
    }
}

public sealed class MerchantPayloadGraphType() : PayloadGraphType<MerchantGraphType, Merchant>("MerchantPayload", "merchant");

/// <summary>Fields shared by create and update.</summary>
public abstract class MerchantInputGraphType : InputObjectGraphType
{
    protected MerchantInputGraphType(string name, bool creating)
    {
        Name = name;
        Description = creating ? "A new merchant; the ward is derived from the location." : "Fields to change; omitted fields stay as they are.";
        if (!creating) Field<NonNullGraphType<IdGraphType>>("id").Description("The merchant to change.");
        Field<StringGraphType>("name").Description("Business name (required on create).");
        Field<MerchantCategoryGraphType>("category").Description("Kind of business (required on create).");
        Field<GeoJsonGraphType>("location").Description("GeoJSON Point [lon, lat] (required on create).");
        Field<StringGraphType>("address").Description("Street address.");
        Field<BooleanGraphType>("acceptsQr").Description("Accepts payment by QR code.");
        Field<StringGraphType>("qrPayload").Description("The EMVCo QR string, when known.");
        Field<StringGraphType>("qrProvider").Description("Bank or wallet behind the QR code.");
        Field<BooleanGraphType>("hasTransactions").Description("The QR code has been used for payments.");
        Field<StringGraphType>("website").Description("Website address.");
        Field<BooleanGraphType>("hasEInvoice").Description("Issues electronic invoices.");
    }
}

public sealed class CreateMerchantInputGraphType() : MerchantInputGraphType("CreateMerchantInput", creating: true);

public sealed class UpdateMerchantInputGraphType() : MerchantInputGraphType("UpdateMerchantInput", creating: false);
