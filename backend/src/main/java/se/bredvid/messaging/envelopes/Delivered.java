package se.bredvid.messaging.envelopes;

import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.protocol.WireEnvelope;

/** An envelope in a device's queue: its sequence there, when the server received it, and the envelope. */
@Serdeable
public record Delivered(long seq, long receivedAt, WireEnvelope envelope) {
}
