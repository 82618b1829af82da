using DtHub.Api.Features.Merchants;

namespace DtHub.Api.Features.Demo;

/// <summary>Synthetic shop-sign names by category ("Tạp hóa Cô Lan", "Khách sạn Sao Biển").</summary>
internal static class MerchantNames
{
    private static readonly string[] Dishes = ["Bánh khọt", "Bún riêu", "Cơm tấm", "Hủ tiếu", "Lẩu cá", "Phở", "Bánh canh", "Cà phê", "Ốc", "Hải sản"];
    private static readonly string[] Trades = ["Nhà thuốc", "Tiệm may", "Tiệm tóc", "Cửa hàng điện thoại", "Tiệm vàng", "Văn phòng phẩm", "Sửa xe", "Tiệm giặt"];
    private static readonly string[] Honorifics = ["Cô", "Chú", "Bà", "Anh", "Chị", "Dì"];
    private static readonly string[] Wares = ["Rau củ", "Trái cây", "Hải sản", "Thịt heo", "Gà vịt", "Tạp hóa", "Quần áo", "Bánh kẹo", "Gạo", "Khô cá mực"];

    public static string For(MerchantCategory category, DemoRandom random) => category switch
    {
        MerchantCategory.GeneralStore => $"Tạp hóa {random.Pick(Honorifics)} {DemoNames.GivenName(random)}",
        MerchantCategory.Restaurant => random.Chance(0.3)
            ? $"Nhà hàng {random.Pick(DemoNames.SignWords)}"
            : $"{random.Pick(Dishes)} {random.Pick(Honorifics)} {DemoNames.GivenName(random)}",
        MerchantCategory.Hotel => $"{random.Pick(["Khách sạn", "Khách sạn", "Nhà nghỉ", "Homestay"])} {random.Pick(DemoNames.SignWords)}",
        MerchantCategory.Supermarket => $"Siêu thị mini {random.Pick(DemoNames.SignWords)}",
        MerchantCategory.Mall => $"Trung tâm thương mại {random.Pick(DemoNames.SignWords)}",
        MerchantCategory.ElectronicsCentre => $"Điện máy {random.Pick(DemoNames.SignWords)}",
        MerchantCategory.MarketStall => $"{random.Pick(Wares)} {random.Pick(Honorifics)} {DemoNames.GivenName(random)}",
        _ => $"{random.Pick(Trades)} {random.Pick(DemoNames.SignWords)}",
    };

    /// <summary>A plausible .vn address for a website: "khach-san-sao-bien.vn".</summary>
    public static string WebsiteFor(string name) =>
        "https://" + EmvQrPayload.Ascii(name, 60).ToLowerInvariant().Replace(' ', '-').Replace(".", "", StringComparison.Ordinal) + ".vn";
}
