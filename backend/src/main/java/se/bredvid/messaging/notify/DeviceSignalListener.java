package se.bredvid.messaging.notify;

import java.util.Set;

/**
 * Receives the wake-ups of this instance and of every other instance. A signal carries device ids only,
 * never content: the database row is the truth, the signal only says "look again".
 */
public interface DeviceSignalListener {

    /** These devices have new envelopes. */
    void envelopesArrived(Set<java.util.UUID> deviceIds);

    /** A conversation of these devices was closed: their live access to it ends now. */
    void conversationClosed(Set<java.util.UUID> deviceIds);

    /** Signals may have been missed (the listening connection was lost): every local device should look again. */
    void resync();
}
