package se.bredvid.messaging.push;

import se.bredvid.platform.Published;

import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.platform.AfterCommit;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Push subscriptions of devices, and waking them. A wake is the fixed {@code {"t":"wake"}} (threat model 1:
 * the phone may be seen; a notification must show nothing): the device then syncs over the authenticated
 * API. Without VAPID keys configured there is no {@link WebPushSender} and nothing is pushed.
 */
@Singleton
@Published
public class PushSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(PushSubscriptions.class);
    /** How long a push service may hold a wake for an offline phone. */
    static final Duration TTL = Duration.ofHours(12);

    private final PushSubscriptionStore store;
    private final PushEndpointPolicy policy;
    private final BeanProvider<WebPushSender> sender;
    private final BeanProvider<VapidSigner> vapid;
    private final AfterCommit afterCommit;
    private final DeviceService devices;
    private final Clock clock;

    PushSubscriptions(PushSubscriptionStore store, PushProperties properties, BeanProvider<WebPushSender> sender,
                      BeanProvider<VapidSigner> vapid, AfterCommit afterCommit, DeviceService devices, Clock clock) {
        this.store = store;
        this.policy = new PushEndpointPolicy(properties.allowedEndpointHosts());
        this.sender = sender;
        this.vapid = vapid;
        this.afterCommit = afterCommit;
        this.devices = devices;
        this.clock = clock;
    }

    /** The key the PWA subscribes with ({@code applicationServerKey}), if push is configured. */
    public Optional<String> vapidPublicKey() {
        return vapid.isPresent() ? Optional.of(vapid.get().publicKey()) : Optional.empty();
    }

    /** Registers (or replaces) the calling device's subscription. */
    public void register(Caller caller, String endpoint, String p256dh, String auth) {
        if (!sender.isPresent()) {
            throw ProblemException.conflict("push-not-configured", "This installation does not send push messages.");
        }
        PushSubscription subscription = policy.requireAllowed(PushSubscription.fromBrowser(endpoint, p256dh, auth));
        store.put(caller.id(), subscription, clock.instant());
    }

    public boolean remove(Caller caller) {
        return store.delete(caller.id());
    }

    /**
     * After the current transaction commits, wakes those of these devices that have a subscription. Never
     * blocks and never fails the caller: a push that does not go through is logged by its outcome only.
     */
    public void wakeAfterCommit(Collection<UUID> deviceIds, WebPushSender.Urgency urgency) {
        if (deviceIds.isEmpty() || !sender.isPresent()) {
            return;
        }
        Set<UUID> ids = Set.copyOf(deviceIds);
        afterCommit.run(() -> wake(ids, urgency));
    }

    private void wake(Set<UUID> deviceIds, WebPushSender.Urgency urgency) {
        WebPushSender push = sender.get();
        List<PushSubscriptionStore.Stored> subscriptions;
        try {
            // A revoked device (a lost or wiped phone) is never woken, whatever subscription it left behind.
            subscriptions = store.of(devices.unrevoked(deviceIds));
        } catch (RuntimeException e) {
            LOG.warn("push subscriptions not readable: {}", e.getClass().getSimpleName());
            return;
        }
        for (var s : subscriptions) {
            push.wake(s.subscription(), urgency, TTL).thenAccept(outcome -> {
                try {
                    switch (outcome) {
                        case ACCEPTED -> store.pushed(s.deviceId(), clock.instant());
                        case GONE -> store.deleteIfUnchanged(s.deviceId(), s.subscription().endpoint());
                        default -> { }
                    }
                } catch (RuntimeException e) {
                    LOG.warn("push outcome not recorded: {}", e.getClass().getSimpleName());
                }
            });
        }
    }
}
