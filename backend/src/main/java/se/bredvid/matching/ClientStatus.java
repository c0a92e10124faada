package se.bredvid.matching;

import se.bredvid.platform.StateMachine;

/**
 * Where a client stands on the organisation's list: waiting for a kontaktperson, matched (an open assignment), or
 * closed. An ended assignment puts the client back on the waiting list, unless the need is met.
 */
enum ClientStatus implements StateMachine<ClientStatus> {
    WAITING, MATCHED, CLOSED;

    @Override
    public boolean mayGoTo(ClientStatus to) {
        return switch (this) {
            case WAITING -> to == MATCHED || to == CLOSED;
            case MATCHED -> to == WAITING || to == CLOSED;
            case CLOSED -> false;
        };
    }
}
