namespace DtHub.Api.Features.Ogc;

/// <summary>
/// A layer served as an OGC API – Features collection: its table, geometry column and the entity type whose read
/// scope an API key needs. Properties are the row's other columns, so a new column shows up without code.
/// </summary>
public sealed record OgcCollection(string Id, string Title, string Description, string Table, string GeometryColumn, string EntityType, string[] HiddenColumns)
{
    public static readonly IReadOnlyList<OgcCollection> All =
    [
        new("wards", "Wards", "Wards and communes (phường/xã) with their validity period.", "wards", "geometry", "Ward", ["label_point"]),
        new("neighborhoods", "Neighbourhoods", "Neighbourhoods and hamlets (khu phố/thôn/ấp).", "neighborhoods", "geometry", "Neighborhood", []),
        new("merchants", "Merchants", "Businesses and market stalls, with their QR-payment status.", "merchants", "location", "Merchant", []),
        new("wifi-points", "Public Wi-Fi points", "Free public Wi-Fi access points and their coverage radius (metres).", "wifi_points", "location", "WifiPoint", []),
        new("model-streets", "Model streets", "Streets designated for 100 % QR payment (tuyến đường kiểu mẫu).", "model_streets", "geometry", "ModelStreet", []),
    ];

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
