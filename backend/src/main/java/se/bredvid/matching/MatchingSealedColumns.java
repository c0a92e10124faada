package se.bredvid.matching;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** Matching's sealed columns, for key rotation. */
@Singleton
class MatchingSealedColumns implements SealedColumns {
    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(
                new SealedColumn("client", "profile", "'client.profile:' || id"),
                new SealedColumn("client", "municipality_contact", "'client.municipality_contact:' || id"),
                new SealedColumn("client_report", "text", "'client_report.text:' || id"),
                new SealedColumn("support_request", "text", "'support_request.text:' || id"),
                new SealedColumn("volunteer_match_info", "info", "'volunteer_match_info.info:' || volunteer_id"));
    }
}
