package se.bredvid.recruiting;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** Recruiting's sealed columns ({@link Seals}: {@code recruiting/<table.field>/<row id>}), for key rotation. */
@Singleton
class RecruitingSealedColumns implements SealedColumns {

    private static SealedColumn of(String table, String column, String field) {
        return SealedColumn.prefixed(table, column, Seals.prefix(field), "id");
    }

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(
                of("volunteer", "name_sealed", Volunteer.NAME),
                of("volunteer", "email_sealed", Volunteer.EMAIL),
                of("volunteer", "phone_sealed", Volunteer.PHONE),
                of("volunteer", "availability_note_sealed", Volunteer.AVAILABILITY_NOTE),
                of("volunteer", "motivation_sealed", Volunteer.MOTIVATION),
                of("volunteer_transition", "reason_sealed", Volunteer.TRANSITION_REASON),
                of("volunteer_interview", "interviewers_sealed", Interview.INTERVIEWERS),
                of("volunteer_interview", "notes_sealed", Interview.NOTES),
                of("training_session", "lecturer_sealed", TrainingSession.LECTURER));
    }
}
