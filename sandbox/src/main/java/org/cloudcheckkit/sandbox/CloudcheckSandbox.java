package org.cloudcheckkit.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.akahu.AkahuEndpoints;
import org.cloudcheckkit.sandbox.akahu.AkahuService;
import org.cloudcheckkit.sandbox.akahu.AkahuSnapshot;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.ApiEndpoint;
import org.cloudcheckkit.sandbox.api.ApiHandler;
import org.cloudcheckkit.sandbox.api.CallLog;
import org.cloudcheckkit.sandbox.api.CallRecord;
import org.cloudcheckkit.sandbox.api.RequestAuthenticator;
import org.cloudcheckkit.sandbox.auth.NonceRegistry;
import org.cloudcheckkit.sandbox.callback.AccountWebhooks;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.clock.SandboxClock;
import org.cloudcheckkit.sandbox.control.ControlHandler;
import org.cloudcheckkit.sandbox.control.JourneyHandler;
import org.cloudcheckkit.sandbox.control.SandboxControl;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.fault.FaultPlan;
import org.cloudcheckkit.sandbox.go.GoRequestEndpoints;
import org.cloudcheckkit.sandbox.go.GoResultEndpoints;
import org.cloudcheckkit.sandbox.go.GoService;
import org.cloudcheckkit.sandbox.go.RecipientSnapshot;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/**
 * A running Cloudcheck sandbox: the Cloudcheck API, the control API under {@code /_sandbox/} and the customer journey
 * pages, served by the JDK's HTTP server. Start one with {@link #start(SandboxConfig)}, stop it with {@link #close()}.
 */
public final class CloudcheckSandbox implements SandboxControl, AutoCloseable {

    /**
     * The JDK server writes response headers and body separately; without TCP_NODELAY the body then waits for the
     * client's delayed ACK, about 40 ms a call. The JDK reads this once, when the first server in the JVM starts.
     */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private static final int CONNECTION_BACKLOG = 256;
    private static final Duration CATCH_UP_PERIOD = Duration.ofSeconds(1);

    private final SandboxConfig config;
    private final String baseUrl;
    private final HttpServer server;
    private final ExecutorService requestThreads = Executors.newCachedThreadPool(daemonThreads("sandbox-http"));
    private final ExecutorService callbackThreads = Executors.newCachedThreadPool(daemonThreads("sandbox-callback"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            daemonThreads("sandbox-timer"));
    private final SandboxClock clock;
    private final NonceRegistry nonces = new NonceRegistry(RequestAuthenticator.MAXIMUM_AGE);
    private final CallLog calls = new CallLog();
    private final AtomicLong pdfPaddingBytes;
    private final CallbackDispatcher callbacks;
    private final AccountWebhooks accountWebhooks;
    private final GoService go;
    private final AkahuService akahu;
    private final FaultPlan faults;
    private final WireVariants variants;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CloudcheckSandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.clock = new SandboxClock(config.requestClock());
        this.pdfPaddingBytes = new AtomicLong(config.pdfPaddingBytes());
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), CONNECTION_BACKLOG);
        this.baseUrl = config.publicBaseUrl() != null
                ? config.publicBaseUrl().replaceAll("/+$", "")
                : "http://" + hostForUrls(config.host()) + ":" + server.getAddress().getPort();
        Clock simulation = clock.simulationClock();
        this.variants = new WireVariants(config.variants());
        this.callbacks = new CallbackDispatcher(config.callbackTimeout(), clock.requestClock(), callbackThreads,
                timer, config.eventLog());
        this.accountWebhooks = new AccountWebhooks(callbacks, config.accountWebhookUrl(), variants, simulation);
        this.go = new GoService(simulation, callbacks, config.pdfJobDelay(), variants);
        this.akahu = new AkahuService(simulation, callbacks, accountWebhooks, variants);

        List<ApiEndpoint> endpoints = new ArrayList<>();
        endpoints.addAll(new GoRequestEndpoints(go, token -> baseUrl + JourneyHandler.goPath(token), variants)
                .endpoints());
        endpoints.addAll(new GoResultEndpoints(go, token -> baseUrl + JourneyHandler.goPath(token),
                pdfPaddingBytes::get, variants).endpoints());
        endpoints.addAll(new AkahuEndpoints(akahu, simulation, token -> baseUrl + JourneyHandler.akahuPath(token),
                pdfPaddingBytes::get, variants).endpoints());
        this.faults = new FaultPlan(
                endpoints.stream().map(ApiEndpoint::path).collect(Collectors.toSet()),
                endpoints.stream().filter(ApiEndpoint::returnsDocument).map(ApiEndpoint::path)
                        .collect(Collectors.toSet()));
        Map<String, ApiCredential> credentialsByKey = config.credentials().stream()
                .collect(Collectors.toMap(ApiCredential::key, Function.identity()));
        RequestAuthenticator authenticator = new RequestAuthenticator(credentialsByKey, clock.requestClock(), nonces);

        server.createContext("/", new ApiHandler(endpoints, authenticator, faults, calls, clock.requestClock(),
                config.eventLog()));
        server.createContext(ControlHandler.PREFIX, new ControlHandler(this));
        server.createContext(JourneyHandler.PREFIX, new JourneyHandler(go, akahu));
        server.setExecutor(requestThreads);
        server.start();
        // Expiry must happen, and be notified, even when nobody asks for the result.
        timer.scheduleWithFixedDelay(akahu::catchUp, CATCH_UP_PERIOD.toMillis(), CATCH_UP_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Starts a sandbox with the default configuration on a free loopback port. */
    public static CloudcheckSandbox start() {
        return start(SandboxConfig.defaults());
    }

    public static CloudcheckSandbox start(SandboxConfig config) {
        try {
            return new CloudcheckSandbox(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on " + config.host() + ":" + config.port(), e);
        }
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public List<ApiCredential> credentials() {
        return config.credentials();
    }

    /** The simulated time, which {@link #advanceClock(Duration)} moves; use it to reason about expiry in tests. */
    public Clock simulationClock() {
        return clock.simulationClock();
    }

    /** How many calls of the API path were answered successfully (exact, unlike the bounded call list). */
    public long successfulCalls(String path) {
        return calls.successes(path);
    }

    /**
     * How many calls of the API path have arrived, answered yet or not: a call a TIMEOUT fault holds counts from its
     * arrival, and among {@link #calls()} only once answered. How a test catches a client mid-call.
     */
    public long receivedCalls(String path) {
        return calls.arrivals(path);
    }

    /**
     * Waits until every callback dispatched so far has been attempted or dropped (not those a REORDER fault still
     * holds). Answers false if that took longer than {@code limit}.
     */
    public boolean awaitCallbacks(Duration limit) {
        return callbacks.awaitIdle(limit);
    }

    /**
     * Every Go recipient token issued (and not cancelled), as an operator sees them in Cloudcheck's own dashboard:
     * how a test finds what Cloudcheck made when the answer that named it was lost.
     */
    public java.util.Set<String> recipientTokens() {
        return go.recipientTokens();
    }

    /** Every Akahu session token issued, likewise. */
    public java.util.Set<String> akahuTokens() {
        return akahu.tokens();
    }

    @Override
    public RecipientSnapshot recipient(String recipientToken) {
        return go.recipient(recipientToken);
    }

    @Override
    public void completeRecipient(String recipientToken, VerificationOutcome outcome) {
        go.respond(recipientToken, outcome);
    }

    @Override
    public void setRecipientStatus(String recipientToken, RecipientStatus status) {
        go.setStatus(recipientToken, status);
    }

    @Override
    public AkahuSnapshot akahuRequest(String token) {
        return akahu.snapshot(token);
    }

    @Override
    public void completeAkahu(String token, AkahuStatus status) {
        akahu.complete(token, status);
    }

    @Override
    public Instant advanceClock(Duration amount) {
        Instant now = clock.advance(amount);
        akahu.catchUp();
        return now;
    }

    @Override
    public Instant simulationTime() {
        return clock.simulationClock().instant();
    }

    @Override
    public Duration clockOffset() {
        return clock.offset();
    }

    @Override
    public void sendAccountWebhook(String requestType, String eventType, String reference) {
        accountWebhooks.send(requestType, eventType, reference);
    }

    @Override
    public URI accountWebhookUrl() {
        return accountWebhooks.url();
    }

    @Override
    public void accountWebhookUrl(URI url) {
        accountWebhooks.url(url);
    }

    @Override
    public void failNext(String path, int count, ApiFault fault) {
        faults.failNext(path, count, fault);
    }

    @Override
    public void failNextCallbacks(CallbackFault fault) {
        callbacks.failNext(fault);
    }

    @Override
    public List<org.cloudcheckkit.sandbox.api.ServedDocument> servedDocuments() {
        return calls.documents();
    }

    @Override
    public List<CallRecord> calls() {
        return calls.records();
    }

    @Override
    public List<CallbackDelivery> callbackDeliveries() {
        return callbacks.deliveries();
    }

    @Override
    public long pdfPaddingBytes() {
        return pdfPaddingBytes.get();
    }

    @Override
    public void pdfPaddingBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("pdfPaddingBytes must not be negative");
        }
        pdfPaddingBytes.set(bytes);
    }

    @Override
    public Duration pdfJobDelay() {
        return go.pdfJobDelay();
    }

    @Override
    public void pdfJobDelay(Duration delay) {
        go.pdfJobDelay(delay);
    }

    @Override
    public Set<WireVariant> variants() {
        return variants.enabled();
    }

    @Override
    public void variants(Set<WireVariant> enabled) {
        variants.enable(enabled);
    }

    @Override
    public void reset() {
        go.reset();
        akahu.reset();
        faults.clear();
        callbacks.reset();
        calls.clear();
        nonces.clear();
        clock.reset();
        accountWebhooks.reset();
        pdfPaddingBytes.set(config.pdfPaddingBytes());
        variants.reset();
    }

    /** Stops listening at once and abandons queued callbacks. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            timer.shutdownNow();
            requestThreads.shutdownNow();
            callbackThreads.shutdownNow();
        }
    }

    private static String hostForUrls(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
