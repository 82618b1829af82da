namespace DtHub.Api.Data.Migrations
{
    /// <summary>The change-queue trigger function of merchants, as two migrations write it.</summary>
    internal static class MerchantChangeTrigger
    {
        /// <summary>
        /// <c>dthub_note_merchant_changes()</c>: the merchant family's statement trigger function. Since
        /// <c>StreetHoldouts</c> it also notes the merchant's id.
        /// </summary>
        public static string Function(bool withId)
        {
            var column = withId ? ", merchant_id" : "";
            var value = withId ? ", id" : "";
            var sideValue = withId ? ", v.id" : "";
            return $$"""
                CREATE OR REPLACE FUNCTION dthub_note_merchant_changes() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO aggregate_changes (family, sign, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id{{column}})
                        SELECT 'merchant', 1, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id{{value}} FROM new_rows;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO aggregate_changes (family, sign, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id{{column}})
                        SELECT 'merchant', -1, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id{{value}} FROM old_rows;
                    ELSIF TG_OP = 'UPDATE' THEN
                        -- Only what a merchant's figures read: ward, neighbourhood, location, QR flags, category and market.
                        INSERT INTO aggregate_changes (family, sign, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id{{column}})
                        SELECT 'merchant', s.*
                        FROM old_rows o
                        FULL JOIN new_rows n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES (-1, o.ward_id, o.neighborhood_id, o.location, o.category, o.accepts_qr, o.has_transactions, o.market_id, o.id),
                                                   (1, n.ward_id, n.neighborhood_id, n.location, n.category, n.accepts_qr, n.has_transactions, n.market_id, n.id))
                             v (sign, ward_id, neighborhood_id, location, category, accepts_qr, has_transactions, market_id, id)
                        CROSS JOIN LATERAL (SELECT v.sign::smallint, v.ward_id, v.neighborhood_id, v.location, v.category, v.accepts_qr, v.has_transactions, v.market_id{{sideValue}}) s
                        WHERE v.id IS NOT NULL
                          AND (o.id IS NULL OR n.id IS NULL
                               OR (o.ward_id, o.neighborhood_id, o.location, o.accepts_qr, o.has_transactions, o.category, o.market_id)
                                  IS DISTINCT FROM (n.ward_id, n.neighborhood_id, n.location, n.accepts_qr, n.has_transactions, n.category, n.market_id));
                    ELSE
                        INSERT INTO aggregate_changes (family) VALUES ('everything');
                    END IF;
                    RETURN NULL;
                END $$;
                """;
        }
    }
}
