using System.Linq.Expressions;
using DtHub.Api.GraphQL.Filtering;

namespace DtHub.Api.Features.Merchants;

/// <summary>What merchants can be filtered and sorted by.</summary>
public sealed class MerchantQueryModel : QueryModel<Merchant>
{
    public MerchantQueryModel() : base("Merchant")
    {
        Field("name", m => m.Name);
        EnumField<MerchantCategory, MerchantCategoryGraphType>("category", m => m.Category);
        Field("location", m => m.Location);
        Field("address", m => m.Address);
        Field("acceptsQr", m => m.AcceptsQr);
        Field("qrProvider", m => m.QrProvider);
        Field("hasTransactions", m => m.HasTransactions);
        Field("website", m => m.Website);
        Field("hasEInvoice", m => m.HasEInvoice);
        Field("isSynthetic", m => m.IsSynthetic);
        Field("updatedAt", m => m.UpdatedAt);
        Nearest(m => m.Location);
    }

    public override LambdaExpression Key { get; } = (Expression<Func<Merchant, long>>)(m => m.Id);
}

public sealed class MerchantFilterInputType(MerchantQueryModel model) : FilterInputGraphType<Merchant>(model);

public sealed class MerchantSortInputType(MerchantQueryModel model) : SortInputGraphType<Merchant>(model);
