package org.cloudcheckkit.sandbox.akahu;

import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudcheckkit.sandbox.callback.AccountWebhooks;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/**
 * The Akahu requests. Every read first applies what simulated time has made due, so a result is right even between
 * the periodic {@link #catchUp()} runs.
 */
public final class AkahuService {

    private final Clock clock;
    private final AkahuNotifications notifications;
    private final Map<String, AkahuSession> sessionsByToken = new ConcurrentHashMap<>();

    /** @param simulationClock the sandbox's simulated time, which tests advance */
    public AkahuService(Clock simulationClock, CallbackDispatcher dispatcher, AccountWebhooks accountWebhooks,
                        WireVariants variants) {
        this.clock = simulationClock;
        this.notifications = new AkahuNotifications(dispatcher, accountWebhooks, variants);
    }

    AkahuSnapshot initiate(String ownerKey, AkahuRequest request) {
        AkahuSession session = new AkahuSession(ownerKey, request, clock.instant(), notifications);
        sessionsByToken.put(session.token(), session);
        return session.snapshot();
    }

    /** For an API call by {@code ownerKey}: another account's token is unknown. */
    AkahuSnapshot snapshot(String ownerKey, String token) {
        return session(ownerKey, token).snapshot();
    }

    /** Whoever owns it: for the control API and the journey page. */
    /** Every session token issued, in no particular order. */
    public java.util.Set<String> tokens() {
        return java.util.Set.copyOf(sessionsByToken.keySet());
    }

    public AkahuSnapshot snapshot(String token) {
        return session(token).snapshot();
    }

    public void complete(String token, AkahuStatus status) {
        session(token).complete(status, clock.instant());
    }

    void review(String ownerKey, String token, String decision, String notes) {
        session(ownerKey, token).review(decision, notes, clock.instant());
    }

    /** Expires and disposes of whatever is due by the simulation clock. */
    public void catchUp() {
        sessionsByToken.values().forEach(session -> session.catchUp(clock.instant()));
    }

    public void reset() {
        sessionsByToken.clear();
    }

    private AkahuSession session(String ownerKey, String token) {
        AkahuSession session = session(token);
        if (!session.ownerKey().equals(ownerKey)) {
            throw new NoSuchElementException("No Akahu request " + token + " for this key");
        }
        return session;
    }

    private AkahuSession session(String token) {
        AkahuSession session = sessionsByToken.get(token);
        if (session == null) {
            throw new NoSuchElementException("No Akahu request " + token);
        }
        session.catchUp(clock.instant());
        return session;
    }
}
