using System.Globalization;
using DtHub.Api.Features.Merchants;

namespace DtHub.Api.Features.Demo;

/// <summary>Hands a merchant a QR code: a provider and, for most VietQR codes, the EMVCo payload string.</summary>
internal static class QrCodes
{
    private static readonly string[] Providers = ["VietQR", "VNPay", "MoMo", "ZaloPay"];
    private static readonly double[] ProviderWeights = [0.6, 0.25, 0.1, 0.05];

    /// <summary>NAPAS bank identification numbers (BIN) of banks with branches in Vũng Tàu.</summary>
    private static readonly string[] BankBins = ["970436", "970415", "970418", "970405", "970403", "970407", "970422", "970416"];

    public static string MerchantCategoryCode(MerchantCategory category) => category switch
    {
        MerchantCategory.GeneralStore => "5411",
        MerchantCategory.Restaurant => "5812",
        MerchantCategory.Supermarket => "5411",
        MerchantCategory.Mall => "5311",
        MerchantCategory.ElectronicsCentre => "5732",
        MerchantCategory.Hotel => "7011",
        MerchantCategory.MarketStall => "5499",
        _ => "5999",
    };

    public static void Give(Merchant merchant, DemoRandom random)
    {
        merchant.AcceptsQr = true;
        merchant.QrProvider = Providers[random.PickWeighted(ProviderWeights)];
        // Payloads are "known" for most VietQR codes (scanned during surveys), not for wallets' own codes.
        if (merchant.QrProvider == "VietQR" && random.Chance(0.85))
        {
            var account = string.Concat(Enumerable.Range(0, random.Next(10, 14)).Select(_ => random.Next(10).ToString(CultureInfo.InvariantCulture)));
            merchant.QrPayload = EmvQrPayload.VietQr(random.Pick(BankBins), account, merchant.Name,
                MerchantCategoryCode(merchant.Category), "VUNG TAU");
        }
    }
}
