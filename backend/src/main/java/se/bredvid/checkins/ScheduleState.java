package se.bredvid.checkins;

import se.bredvid.identity.SubjectKind;

/**
 * A schedule is proposed by one side and agreed by the other; only an agreed schedule makes check-ins
 * fall due. A new proposal (from either side) replaces the schedule and needs agreement again.
 */
public enum ScheduleState {
    PROPOSED, AGREED;

    /** Whether {@code by} may agree to a schedule in this state that {@code proposedBy} proposed. */
    public boolean mayAgree(SubjectKind proposedBy, SubjectKind by) {
        return this == PROPOSED && proposedBy != by;
    }
}
