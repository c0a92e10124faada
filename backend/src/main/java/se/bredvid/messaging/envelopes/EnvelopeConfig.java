package se.bredvid.messaging.envelopes;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * @param maxBatch  envelopes per post (one message to every device of both sides, or several receipts)
 * @param maxBlocks the largest plaintext the server accepts, in 256-byte blocks (protocol §5 allows a
 *                  lower maximum than 257)
 * @param maxPage   envelopes per sync page and per live frame
 */
@ConfigurationProperties("bredvid.messaging.envelopes")
public record EnvelopeConfig(@Bindable(defaultValue = "32") int maxBatch,
                             @Bindable(defaultValue = "257") int maxBlocks,
                             @Bindable(defaultValue = "200") int maxPage) {
}
