package se.bredvid.messaging.envelopes;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the writer hands on after its commits; only in the tests that ask for it. */
@Singleton
@Requires(property = "bredvid.test.record-committed", value = "true")
class CommittedRecorder implements CommittedEnvelopes {

    final List<Delivered> handedOn = new CopyOnWriteArrayList<>();

    @Override
    public void committed(Map<UUID, List<Delivered>> byRecipient) {
        byRecipient.values().forEach(handedOn::addAll);
    }
}
