package se.bredvid.checkins;

import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.StateMachine;

/**
 * A schedule is proposed by one side and agreed by the other; only an agreed schedule makes check-ins
 * fall due. A new proposal (from either side) replaces the schedule and needs agreement again.
 */
public enum ScheduleState implements StateMachine<ScheduleState> {
    PROPOSED, AGREED;

    /** Agreement is the one transition; a new proposal replaces the schedule rather than moving it. */
    @Override
    public boolean mayGoTo(ScheduleState to) {
        return this == PROPOSED && to == AGREED;
    }

    /** Whether {@code by} may agree to a schedule in this state that {@code proposedBy} proposed. */
    public boolean mayAgree(SubjectKind proposedBy, SubjectKind by) {
        return this == PROPOSED && proposedBy != by;
    }
}
