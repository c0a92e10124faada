package se.bredvid.messaging.envelopes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param maxBatch      envelopes per post (one message to every device of both sides, or several receipts)
 * @param maxBlocks     the largest plaintext the server accepts, in 256-byte blocks (protocol §5 allows a
 *                      lower maximum than 257)
 * @param maxPage       envelopes per sync page and per live frame
 * @param writers       threads that store sends, each one group (one statement, one commit) at a time
 * @param groupSize     the most sends one group takes
 * @param queueCapacity sends that may wait for a writer; beyond it a send is answered 503 at once
 * @param writeTimeout  how long a send waits for its group's commit before it is answered 503 (the device
 *                      retries with the same message id, which is stored once)
 * @param membersTtl    how long a conversation's member devices are taken from memory at most before they are
 *                      read again (a paired device is found at once: an unknown recipient is looked up; a
 *                      revoked one is forgotten when identity announces it); 0 turns the memory off
 */
@ConfigurationProperties("bredvid.messaging.envelopes")
public record EnvelopeConfig(@Bindable(defaultValue = "32") int maxBatch,
                             @Bindable(defaultValue = "257") int maxBlocks,
                             @Bindable(defaultValue = "200") int maxPage,
                             @Bindable(defaultValue = "4") int writers,
                             @Bindable(defaultValue = "64") int groupSize,
                             @Bindable(defaultValue = "4096") int queueCapacity,
                             @Bindable(defaultValue = "10s") Duration writeTimeout,
                             @Bindable(defaultValue = "60s") Duration membersTtl) {
}
