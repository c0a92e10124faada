package se.bredvid.messaging.envelopes;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hears the envelopes this instance has just committed, with their content and sequences, so that live delivery
 * can hand them to the recipients' sockets here without reading back what it has in memory. Called on a writer
 * thread after the commit; must return at once. Only envelopes the statement inserted are given (never a
 * retry's bytes under the first attempt's sequence); other instances hear of them through the signal bus.
 */
public interface CommittedEnvelopes {

    /**
     * Whether envelopes for this device are wanted at all (a socket of it is open here); the writer builds the
     * copies it hands on only for such devices.
     */
    default boolean wants(UUID deviceId) {
        return true;
    }

    /** Fresh envelopes by recipient device, each list in sequence order. */
    void committed(Map<UUID, List<Delivered>> byRecipient);
}
