package se.bredvid.matching;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** Matching's sealed columns: the one declaration of each context, for sealing and for key rotation. */
@Singleton
class MatchingSealedColumns implements SealedColumns {

    static final SealedColumn PROFILE = SealedColumn.byId("client", "profile");
    static final SealedColumn MUNICIPALITY_CONTACT = SealedColumn.byId("client", "municipality_contact");
    static final SealedColumn REPORT_TEXT = SealedColumn.byId("client_report", "text");
    static final SealedColumn SUPPORT_TEXT = SealedColumn.byId("support_request", "text");
    static final SealedColumn MINOR_STEP_NOTE = SealedColumn.byId("client", "minor_step_note");
    static final SealedColumn MATCH_INFO = SealedColumn.of("volunteer_match_info", "info", "volunteer_id");

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(PROFILE, MUNICIPALITY_CONTACT, REPORT_TEXT, SUPPORT_TEXT, MATCH_INFO, MINOR_STEP_NOTE);
    }
}
