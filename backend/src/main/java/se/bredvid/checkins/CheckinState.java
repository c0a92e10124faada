package se.bredvid.checkins;

import se.bredvid.platform.StateMachine;

/**
 * Where a check-in stands: it waits for the client's answer until its deadline, then counts as missed. A missed
 * check-in may still be answered late (the answer reaches the kontaktperson all the same).
 */
public enum CheckinState implements StateMachine<CheckinState> {
    PENDING, ANSWERED, MISSED;

    @Override
    public boolean mayGoTo(CheckinState to) {
        return switch (this) {
            case PENDING -> to == ANSWERED || to == MISSED;
            case MISSED -> to == ANSWERED;
            case ANSWERED -> false;
        };
    }
}
