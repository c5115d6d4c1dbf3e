package org.cloudcheckkit.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.cloudcheckkit.localaws.AwsEmulator;
import org.cloudcheckkit.localaws.EmulatorOptions;
import org.cloudcheckkit.localaws.HttpApiResource;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.StackDeployer;
import org.cloudcheckkit.localaws.StackOptions;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on this machine, made from template.yaml: an AWS emulator holding the stack's table, bucket, queues
 * and secrets; the Cloudcheck sandbox (unless CLOUDCHECK_BASE_URL names another Cloudcheck); the HTTP API in front of
 * the real handler classes; and the stream consumers and schedules that invoke the other functions. Closing it stops
 * everything it started, moto_server included, and nothing it was given.
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(LocalStackSettings.onFreePorts(Map.of()))) {
 *     HttpRequest create = HttpRequest.newBuilder(stack.apiUrl().resolve("/go/requests"))...
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /**
     * The JDK HTTP server writes headers and body apart; without TCP_NODELAY every answer waits ~40 ms for a delayed
     * ACK. The JDK reads the property once, when the first server in the JVM starts, which here is the local API's.
     */
    private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final String LOOPBACK = "127.0.0.1";
    private static final int CONNECTION_BACKLOG = 256;

    /**
     * The sandbox stands in for your Cloudcheck account, whose settings name the account webhook URL: this route of
     * the API, with the token of this secret of the template. Without the route, the sandbox sends no account webhooks.
     */
    static final String ACCOUNT_WEBHOOK_ROUTE = "POST /webhooks/cloudcheck";
    static final String WEBHOOK_TOKEN_SECRET = "WebhookTokenSecret";
    /** The secret whose apiKey the functions sign with; printed at start (the key only) so you know which is in use. */
    static final String CLOUDCHECK_SECRET_PARAMETER = "CloudcheckSecretId";
    /** The JWT scope of administrators; the local administrator's token carries it. */
    static final String ADMIN_SCOPE_PARAMETER = "AdminScope";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final LocalStackSettings settings;
    private final AwsEmulator emulator;
    private final LocalAws aws;
    private final Optional<CloudcheckSandbox> sandbox;
    private final URI apiUrl;
    private final String cloudcheckUrl;
    private final RouteTable routes;
    private final LocalFunctions functions;
    private final StreamConsumers streams;
    private final Scheduler scheduler;
    private final LocalPrincipals principals;
    private final Deque<AutoCloseable> started;

    private LocalStack(Startup built) {
        this.settings = built.settings;
        this.emulator = built.emulator;
        this.aws = built.aws;
        this.sandbox = Optional.ofNullable(built.sandbox);
        this.apiUrl = built.apiUrl;
        this.cloudcheckUrl = built.cloudcheckUrl;
        this.routes = built.routes;
        this.functions = built.functions;
        this.streams = built.streams;
        this.scheduler = built.scheduler;
        this.principals = built.principals;
        this.started = built.started;
    }

    /** Starts everything; if any part fails, what had started is stopped again before the exception is thrown. */
    public static LocalStack start(LocalStackSettings settings) {
        Startup startup = new Startup(settings, Clock.systemUTC());
        try {
            return new LocalStack(startup.run());
        } catch (IOException e) {
            startup.stopAll();
            throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + settings.apiPort() + " (LOCAL_API_PORT)", e);
        } catch (RuntimeException | Error e) {
            startup.stopAll();
            throw e;
        }
    }

    /** The local HTTP API, e.g. {@code http://127.0.0.1:3000}. */
    public URI apiUrl() {
        return apiUrl;
    }

    /** The administrator's bearer token (LOCAL_API_TOKEN). */
    public String apiToken() {
        return settings.apiToken();
    }

    LocalPrincipals principals() {
        return principals;
    }

    /** The Cloudcheck the functions call: the sandbox started here, or CLOUDCHECK_BASE_URL. */
    public String cloudcheckUrl() {
        return cloudcheckUrl;
    }

    /** The sandbox started here; empty when CLOUDCHECK_BASE_URL names another Cloudcheck. */
    public Optional<CloudcheckSandbox> sandbox() {
        return sandbox;
    }

    /** The deployed template: resource names, the secrets' values and clients for the emulator. */
    public LocalAws aws() {
        return aws;
    }

    /** True when moto_server was started here (and is stopped on close), false for AWS_ENDPOINT_URL's emulator. */
    public boolean startedEmulator() {
        return emulator.canReset();
    }

    public RouteTable routes() {
        return routes;
    }

    public LocalFunctions functions() {
        return functions;
    }

    List<StreamConsumer> streamConsumers() {
        return streams.consumers();
    }

    List<Scheduler.Job> schedules() {
        return scheduler.jobs();
    }

    LocalStackSettings settings() {
        return settings;
    }

    /** Stops, in reverse order of start: schedules, stream consumers, the sandbox, the API, then moto_server. */
    @Override
    public void close() {
        synchronized (started) {
            stopAll(started);
        }
    }

    private static void stopAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", part, e.toString());
            }
        }
    }

    /** Starts the parts in order, remembering each so that a failure part-way stops what had started. */
    private static final class Startup {
        private final LocalStackSettings settings;
        private final Clock clock;
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private AwsEmulator emulator;
        private LocalAws aws;
        private CloudcheckSandbox sandbox;
        private URI apiUrl;
        private String cloudcheckUrl;
        private RouteTable routes;
        private LocalFunctions functions;
        private StreamConsumers streams;
        private Scheduler scheduler;
        private LocalPrincipals principals;

        Startup(LocalStackSettings settings, Clock clock) {
            this.settings = settings;
            this.clock = clock;
        }

        Startup run() throws IOException {
            StackTemplate template = StackTemplate.read(settings.template());
            emulator = remember(AwsEmulator.start(EmulatorOptions.fromEnvironment(settings.environment())
                    .withPort(settings.awsPort())
                    .withMotoCommand(settings.motoCommand())));
            boolean localSandbox = settings.cloudcheckBaseUrl().isEmpty();
            StackOptions options = StackOptions.defaults(seedEnvironment(localSandbox));
            for (Map.Entry<String, String> parameter : settings.parameters().entrySet()) {
                options = options.withParameter(parameter.getKey(), parameter.getValue());
            }
            aws = remember(StackDeployer.deploy(emulator, template, options));
            routes = RouteTable.from(template, authorizer -> claims(aws, authorizer));
            Optional<Cors> cors = Cors.of(template.httpApis(), aws::resolve);

            ExecutorService apiThreads = Threads.cachedPool("api");
            remember(named("API threads", () -> Threads.stop(apiThreads, "API threads")));
            // Bound before the sandbox starts, so that the sandbox can be told where the account webhook goes.
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, settings.apiPort()), CONNECTION_BACKLOG);
            apiUrl = URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort());
            remember(named("local API " + apiUrl, () -> server.stop(0)));

            if (localSandbox) {
                sandbox = remember(CloudcheckSandbox.start(sandboxConfig()));
                cloudcheckUrl = sandbox.baseUrl();
            } else {
                cloudcheckUrl = settings.cloudcheckBaseUrl().orElseThrow();
            }
            functions = LocalFunctions.load(aws, functionOverrides(), LocalStack.class.getClassLoader(), clock);

            String adminScope = String.valueOf(aws.resolve(Map.of("Ref", ADMIN_SCOPE_PARAMETER)).orElseThrow());
            principals = LocalPrincipals.of(settings.apiToken(), settings.environment().getOrDefault("LOCAL_API_TOKENS", ""),
                    adminScope);
            server.createContext("/", new LocalHttpApi(routes, cors, functions, principals, adminScope, accountId(aws),
                    clock));
            ApiReference reference = ApiReference.beside(settings.template());
            server.createContext(ApiReference.DOCUMENT, reference);
            server.createContext(ApiReference.PAGE, reference);
            server.setExecutor(apiThreads);
            server.start();

            streams = remember(StreamConsumers.fromTemplate(aws, functions, clock));
            streams.start();
            scheduler = remember(Scheduler.fromTemplate(aws, functions, settings.scheduleInterval(), clock));
            scheduler.start();
            return this;
        }

        void stopAll() {
            LocalStack.stopAll(started);
        }

        private <T extends AutoCloseable> T remember(T part) {
            started.push(part);
            return part;
        }

        /**
         * The secrets' seeds. Against the sandbox, the Cloudcheck key defaults to its all-services test key, so that
         * the Akahu routes work as well as Go; CLOUDCHECK_API_KEY/CLOUDCHECK_API_SECRET replace it.
         */
        private Map<String, String> seedEnvironment(boolean localSandbox) {
            Map<String, String> environment = new HashMap<>(settings.environment());
            if (localSandbox && !environment.containsKey("CLOUDCHECK_API_KEY") && !environment.containsKey("CLOUDCHECK_API_SECRET")) {
                environment.put("CLOUDCHECK_API_KEY", SandboxConfig.ALL_SERVICES_KEY);
                environment.put("CLOUDCHECK_API_SECRET", SandboxConfig.ALL_SERVICES_SECRET);
            }
            return environment;
        }

        private SandboxConfig sandboxConfig() {
            SandboxConfig.Builder config = SandboxConfig.builder()
                    .host(LOOPBACK)
                    .port(settings.sandboxPort())
                    .eventLog(LoggerFactory.getLogger("sandbox")::info);
            settings.sandboxPublicBaseUrl().ifPresent(config::publicBaseUrl);
            accountWebhookUrl().ifPresent(config::accountWebhookUrl);
            return config.build();
        }

        private Optional<URI> accountWebhookUrl() {
            Optional<HttpRoute> route = routes.routes().stream()
                    .filter(candidate -> candidate.routeKey().equals(ACCOUNT_WEBHOOK_ROUTE)).findFirst();
            if (route.isEmpty()) {
                log.info("The template has no {} route: the sandbox sends no account webhooks", ACCOUNT_WEBHOOK_ROUTE);
                return Optional.empty();
            }
            String token = aws.secretFields(WEBHOOK_TOKEN_SECRET).get("webhookToken");
            String path = ACCOUNT_WEBHOOK_ROUTE.substring(ACCOUNT_WEBHOOK_ROUTE.indexOf(' ') + 1);
            return Optional.of(apiUrl.resolve(path + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
        }

        /** The Cloudcheck to call and this API's address for callbacks, then short local timings, all overridable. */
        private Map<String, String> functionOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("CLOUDCHECK_BASE_URL", cloudcheckUrl);
            overrides.put("CALLBACK_BASE_URL", apiUrl.toString());
            overrides.putAll(settings.functionOverrides());
            return overrides;
        }
    }

    /**
     * The claims every token accepted by this authorizer carries: its issuer and audience. The subject and scopes
     * are the local principal's whose token came with the request.
     */
    static Map<String, String> claims(LocalAws aws, HttpApiResource.Authorizer authorizer) {
        Map<String, String> claims = new LinkedHashMap<>();
        Object configuration = authorizer.properties().get("JwtConfiguration");
        if (configuration != null && aws.resolve(configuration).orElse(null) instanceof Map<?, ?> jwt) {
            if (jwt.get("issuer") != null) {
                claims.put("iss", String.valueOf(jwt.get("issuer")));
            }
            if (jwt.get("audience") instanceof List<?> audience && !audience.isEmpty()) {
                claims.put("aud", String.valueOf(audience.get(0)));
            }
        }
        return claims;
    }

    private static String accountId(LocalAws aws) {
        return String.valueOf(aws.resolve(Map.of("Ref", "AWS::AccountId")).orElseThrow());
    }

    private static AutoCloseable named(String name, Runnable stop) {
        return new AutoCloseable() {
            @Override
            public void close() {
                stop.run();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @Override
    public String toString() {
        return "LocalStack[api " + apiUrl + ", cloudcheck " + cloudcheckUrl + ", aws " + aws.endpoint() + "]";
    }
}
