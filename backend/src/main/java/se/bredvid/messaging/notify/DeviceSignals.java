package se.bredvid.messaging.notify;

import se.bredvid.platform.AfterCommit;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Announces, after commit, that devices have new envelopes or lost a conversation: to the live sockets of
 * this instance at once, and to every other instance through {@link PostgresSignalBus}.
 */
@Context  // eager: an instance that has never stored anything must still hear the others
public class DeviceSignals {

    enum Kind { ENVELOPES, CLOSED }

    private final AfterCommit afterCommit;
    private final BeanProvider<DeviceSignalListener> listeners;
    private final PostgresSignalBus bus;

    DeviceSignals(AfterCommit afterCommit, BeanProvider<DeviceSignalListener> listeners, PostgresSignalBus bus) {
        this.afterCommit = afterCommit;
        this.listeners = listeners;
        this.bus = bus;
        bus.onReceive(this::deliverLocally, this::resyncLocally);
    }

    /** After the current transaction commits: these devices have new envelopes. */
    public void envelopesStored(Collection<UUID> deviceIds) {
        publish(Kind.ENVELOPES, deviceIds);
    }

    /**
     * These devices have new envelopes, which this instance's sockets already have (handed on from memory,
     * {@code CommittedEnvelopes}): only the other instances are told. Called after the commit.
     */
    public void envelopesStoredElsewhere(Collection<UUID> deviceIds) {
        if (!deviceIds.isEmpty()) {
            bus.send(Kind.ENVELOPES, Set.copyOf(deviceIds));
        }
    }

    /** After the current transaction commits: a conversation of these devices is closed. */
    public void conversationClosed(Collection<UUID> deviceIds) {
        publish(Kind.CLOSED, deviceIds);
    }

    private void publish(Kind kind, Collection<UUID> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        Set<UUID> ids = Set.copyOf(deviceIds);
        afterCommit.run(() -> {
            deliverLocally(kind, ids);
            bus.send(kind, ids);
        });
    }

    private void deliverLocally(Kind kind, Set<UUID> ids) {
        listeners.stream().forEach(l -> {
            if (kind == Kind.ENVELOPES) {
                l.envelopesArrived(ids);
            } else {
                l.conversationClosed(ids);
            }
        });
    }

    private void resyncLocally() {
        listeners.stream().forEach(DeviceSignalListener::resync);
    }
}
