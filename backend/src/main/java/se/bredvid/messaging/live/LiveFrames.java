package se.bredvid.messaging.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.platform.Redacted;
import se.bredvid.messaging.envelopes.Delivered;

import java.util.List;
import java.util.UUID;

/**
 * The frames of the live socket ({@code /api/live}), all JSON text frames.
 *
 * <pre>
 * device → server  {"type":"auth","token":"&lt;access token&gt;","since":N}   first frame, within authTimeout
 *                  {"type":"token","token":"&lt;fresh access token&gt;"}     before the current one expires
 *                  {"type":"ack","upTo":N}                                 processed the queue up to N
 *                  {"type":"send","ref":"…","conversationId":"…","envelopes":[…]}   as POST …/envelopes
 * server → device  {"type":"ready","deviceId":"…"}
 *                  {"type":"envelopes","envelopes":[{"seq":…,"receivedAt":…,"envelope":{…}}]}
 *                  {"type":"stored","ref":"…","stored":[{"messageId":…,"recipientDeviceId":…,"seq":…}]}  after commit
 *                  {"type":"error","ref":"…","problem":{…problem+json…}}    the send was refused, nothing stored
 * </pre>
 * Sending over the socket spares a connected device an HTTP request (and the server a token
 * verification) per message; the rules, the transaction and the acknowledgement after commit are those
 * of the HTTP route. Sends on one socket may commit in any order; a device that needs its own messages
 * in order waits for "stored" before the next send (or puts them in one batch).
 * The access token travels in the first frame, never in the URL, so it cannot end up in an access log,
 * a proxy log or the browser history. Close codes: 4400 bad frame, 4401 not authenticated, expired or
 * revoked, 4408 no authentication in time, 4409 a conversation of this device was closed (reconnect).
 */
final class LiveFrames {

    static final int BAD_FRAME = 4400;
    static final int UNAUTHORIZED = 4401;
    static final int AUTH_TIMEOUT = 4408;
    static final int CONVERSATION_CLOSED = 4409;

    private LiveFrames() {
    }

    @Serdeable
    record ClientFrame(@Nullable String type, @Nullable String token, @Nullable Long since, @Nullable Long upTo,
                       @Nullable String ref, @Nullable String conversationId,
                       @Nullable List<se.bredvid.protocol.WireEnvelope> envelopes) {
        @Override
        public String toString() {
            return Redacted.keeping(this, type);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ready(String type, UUID deviceId) {
        Ready(UUID deviceId) {
            this("ready", deviceId);
        }
    }

    @Serdeable
    record Stored(String type, @Nullable String ref, List<se.bredvid.messaging.envelopes.EnvelopeService.Receipt> stored) {
        Stored(String ref, List<se.bredvid.messaging.envelopes.EnvelopeService.Receipt> stored) {
            this("stored", ref, stored);
        }
    }

    @Serdeable
    record Error(String type, @Nullable String ref, se.bredvid.platform.Problem problem) {
        Error(String ref, se.bredvid.platform.Problem problem) {
            this("error", ref, problem);
        }
    }

    @Serdeable
    record Envelopes(String type, List<Delivered> envelopes) {
        Envelopes(List<Delivered> envelopes) {
            this("envelopes", envelopes);
        }
    }
}
