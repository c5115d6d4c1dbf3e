package org.cloudcheckkit.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URLStreamHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cloudcheckkit.akahu.AkahuService;
import org.cloudcheckkit.akahu.AkahuValidation;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.archive.ArchiveStore;
import org.cloudcheckkit.archive.Downloads;
import org.cloudcheckkit.archive.EventProcessor;
import org.cloudcheckkit.archive.Reconciler;
import org.cloudcheckkit.archive.ResultProcessor;
import org.cloudcheckkit.archive.ZipArchiver;
import org.cloudcheckkit.aws.AwsClients;
import org.cloudcheckkit.aws.AwsSettings;
import org.cloudcheckkit.callbacks.CallbackKeys;
import org.cloudcheckkit.callbacks.CallbackReceipt;
import org.cloudcheckkit.callbacks.CallbackTokens;
import org.cloudcheckkit.callbacks.WebhookToken;
import org.cloudcheckkit.cardverification.InitiateVerificationService;
import org.cloudcheckkit.cloudcheck.ClientSettings;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckJson;
import org.cloudcheckkit.cloudcheck.CloudcheckRegion;
import org.cloudcheckkit.cloudcheck.PostRetryGuard;
import org.cloudcheckkit.cloudcheck.Sleeper;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoValidation;
import org.cloudcheckkit.idempotency.Idempotency;
import org.cloudcheckkit.intents.Adoption;
import org.cloudcheckkit.intents.IntentReview;
import org.cloudcheckkit.intents.OpenIntents;
import org.cloudcheckkit.intents.WriteAhead;
import org.cloudcheckkit.metrics.EmbeddedMetrics;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.retry.RetryPolicy;
import org.cloudcheckkit.secrets.CachedSecret;
import org.cloudcheckkit.secrets.CloudcheckCredentials;
import org.cloudcheckkit.signing.NonceSource;
import org.cloudcheckkit.signing.RequestSigner;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.AuditTrail;
import org.cloudcheckkit.table.Events;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IdempotencyRecords;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.Results;
import org.cloudcheckkit.table.WorkQueue;
import org.cloudcheckkit.table.ZipJobs;
import org.cloudcheckkit.validation.RedirectTargets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds a function's dependencies from its settings, each once and only when first asked for, so a function pays
 * at cold start for what it uses and no more. Handlers' no-argument constructors start here; tests build the
 * services they need directly, with their own clock and random source, or whole Components with crash points
 * (the crash-point suite) and recorded metrics.
 */
public final class Components {
    /** A secret is refreshed after a rejected call at most this often. */
    private static final Duration MIN_SECRET_REFRESH = Duration.ofSeconds(10);
    /** How long a claimed Idempotency-Key may stay in progress: the longest a front-end function may run. */
    private static final Duration IDEMPOTENCY_LEASE = Duration.ofSeconds(60);

    static {
        // Before any connection is opened in this JVM (the AWS SDK opens them too).
        PostRetryGuard.install();
    }

    private final Settings settings;
    private final AwsClients aws;
    private final Clock clock;
    private final SecureRandom random;
    private final CrashPoints crashPoints;
    private final Metrics metrics;
    /** Who holds an archive lease taken by this instance: the function and a random id of this instance. */
    private final String workerId;
    /** Opens the Cloudcheck client's connections: null, the network, but for SnapStart priming's in-memory Cloudcheck. */
    private final URLStreamHandler cloudcheckConnections;
    /** Where this function's one ObjectMapper comes from: made here, or priming's shares the real function's. */
    private final Supplier<ObjectMapper> newJson;

    private final Once<DynamoDbClient> dynamoDb = new Once<>();
    private final Once<SecretsManagerClient> secretsManager = new Once<>();
    private final Once<ObjectMapper> json = new Once<>();
    private final Once<CloudcheckClient> cloudcheck = new Once<>();
    private final Once<CachedSecret<CallbackKeys>> callbackKeys = new Once<>();
    private final Once<CachedSecret<WebhookToken>> webhookToken = new Once<>();
    private final Once<CallbackTokens> callbackTokens = new Once<>();
    private final Once<Intents> intents = new Once<>();
    private final Once<GoRequests> goRequestTable = new Once<>();
    private final Once<AkahuSessions> akahuSessions = new Once<>();
    private final Once<ArchiveStore> archiveStore = new Once<>();
    private final Once<ResultProcessor> resultProcessor = new Once<>();
    private final Once<ZipArchiver> zipArchiver = new Once<>();

    public Components(Settings settings, AwsClients aws, Clock clock, SecureRandom random) {
        this(settings, aws, clock, random, CrashPoints.NONE,
                new EmbeddedMetrics(System.out, clock, settings.functionName(), settings.stackName()));
    }

    public Components(Settings settings, AwsClients aws, Clock clock, SecureRandom random, CrashPoints crashPoints,
                      Metrics metrics) {
        this(settings, aws, clock, random, crashPoints, metrics, null, CloudcheckJson::newMapper);
    }

    private Components(Settings settings, AwsClients aws, Clock clock, SecureRandom random, CrashPoints crashPoints,
                       Metrics metrics, URLStreamHandler cloudcheckConnections, Supplier<ObjectMapper> newJson) {
        this.settings = settings;
        this.cloudcheckConnections = cloudcheckConnections;
        this.newJson = newJson;
        this.aws = aws;
        this.clock = clock;
        this.random = random;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
        byte[] id = new byte[6];
        random.nextBytes(id);
        this.workerId = settings.functionName() + "/" + HexFormat.of().formatHex(id);
    }

    /** What a handler's no-argument constructor uses: the function's environment, the system clock, SecureRandom. */
    public static Components fromEnvironment(Map<String, String> environment) {
        return fromEnvironment(environment, null);
    }

    /**
     * As {@link #fromEnvironment(Map)}, and SnapStart priming also serves the function's own request: {@code
     * ownRequest} builds the function's handler over the components it is given (the same function over an in-memory
     * AWS and Cloudcheck, {@link #inMemory}) and answers its own request with it.
     */
    public static Components fromEnvironment(Map<String, String> environment,
                                             Function<Components, Runnable> ownRequest) {
        Components components = new Components(Settings.from(environment),
                new AwsClients(AwsSettings.fromEnvironment(environment)), Clock.systemUTC(), new SecureRandom());
        SnapStartPriming.register(components, ownRequest);
        return components;
    }

    /**
     * The same function, settings and clients' configuration, with every AWS call answered in this process
     * ({@link InMemoryAws}), every Cloudcheck call too ({@link InMemoryCloudcheck}), and metrics written to
     * {@code metricsOut} (priming's: nowhere): what priming serves requests against, side-effect free. It shares this
     * function's ObjectMapper: Jackson builds a type's serializers once per mapper, so what priming builds there is
     * what the first real request finds.
     */
    Components inMemory(InMemoryAws inMemoryAws, InMemoryCloudcheck inMemoryCloudcheck, PrintStream metricsOut) {
        return new Components(settings, new AwsClients(aws.settings(), inMemoryAws), clock, random, crashPoints,
                new EmbeddedMetrics(metricsOut, clock, settings.functionName(), settings.stackName()),
                inMemoryCloudcheck, this::json);
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public AwsClients aws() {
        return aws;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get(aws::dynamoDb);
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get(aws::secretsManager);
    }

    public ObjectMapper json() {
        return json.get(newJson);
    }

    public CloudcheckClient cloudcheck() {
        return cloudcheck.get(() -> {
            ClientSettings client = ClientSettings.defaults(
                            CloudcheckRegion.baseUrl(settings.cloudcheckRegion(), settings.cloudcheckBaseUrl()))
                    .withTimeouts(settings.cloudcheckConnectTimeout(), settings.cloudcheckReadTimeout());
            CachedSecret<org.cloudcheckkit.signing.ApiCredentials> secret = new CachedSecret<>(secretsManager(),
                    settings.cloudcheckSecretId(), settings.secretCacheTime(), MIN_SECRET_REFRESH, clock,
                    CloudcheckCredentials::parse);
            return new CloudcheckClient(client, new RequestSigner(clock, NonceSource.secureRandom(random)),
                    new CloudcheckCredentials(secret), random, Sleeper.threadSleep(), metrics, json(), cloudcheckConnections);
        });
    }

    private CachedSecret<CallbackKeys> callbackKeys() {
        return callbackKeys.get(() -> new CachedSecret<>(secretsManager(), settings.callbackSecretId(),
                settings.secretCacheTime(), MIN_SECRET_REFRESH, clock, CallbackKeys::parse));
    }

    private CachedSecret<WebhookToken> webhookToken() {
        return webhookToken.get(() -> new CachedSecret<>(secretsManager(), settings.webhookSecretId(),
                settings.secretCacheTime(), MIN_SECRET_REFRESH, clock, WebhookToken::parse));
    }

    public CallbackTokens callbackTokens() {
        return callbackTokens.get(() -> new CallbackTokens(() -> callbackKeys().get(), () -> webhookToken().get(),
                random));
    }

    public Metrics metrics() {
        return metrics;
    }

    public Intents intents() {
        return intents.get(() -> new Intents(dynamoDb(), settings.tableName(), clock, settings.intentStaleAfter(),
                settings.idempotencyTime()));
    }

    public GoRequests goRequestTable() {
        return goRequestTable.get(() -> new GoRequests(dynamoDb(), settings.tableName(), clock, settings.reconcileInterval(),
                intents()));
    }

    public AkahuSessions akahuSessions() {
        return akahuSessions.get(() -> new AkahuSessions(dynamoDb(), settings.tableName(), clock, settings.reconcileInterval(),
                intents()));
    }

    public AuditTrail auditTrail() {
        return new AuditTrail(dynamoDb(), settings.tableName(), clock, random);
    }

    public Results results() {
        return new Results(dynamoDb(), settings.tableName(), clock);
    }

    public WorkQueue workQueue() {
        return new WorkQueue(dynamoDb(), settings.tableName(), clock);
    }

    /** Who may act on what: owners, and principals with the admin scope. */
    public Access access() {
        return new Access(settings.adminScope());
    }

    public GoValidation goValidation() {
        return new GoValidation(clock, settings.enabledServices(), redirectTargets(),
                CloudcheckRegion.of(settings.cloudcheckRegion()));
    }

    public AkahuValidation akahuValidation() {
        return new AkahuValidation(settings.defaultAkahuCallbackUrl(), redirectTargets());
    }

    private RedirectTargets redirectTargets() {
        return new RedirectTargets(settings.allowedRedirectHosts(),
                Arrays.asList(settings.defaultCompleteUrl(), settings.defaultAkahuCallbackUrl()),
                settings.localhostRedirectsAllowed());
    }

    public Idempotency idempotency() {
        return new Idempotency(new IdempotencyRecords(dynamoDb(), settings.tableName(), clock, settings.idempotencyTime(),
                IDEMPOTENCY_LEASE), clock);
    }

    private WriteAhead writeAhead() {
        return new WriteAhead(intents(), crashPoints, metrics);
    }

    public GoRequestService goRequests() {
        return new GoRequestService(cloudcheck(), access(), goRequestTable(), intents(), writeAhead(), callbackTokens(),
                settings.defaultCompleteUrl(), clock, json());
    }

    public AkahuService akahu() {
        return new AkahuService(cloudcheck(), access(), akahuSessions(), intents(), writeAhead(), callbackTokens(),
                new Events(dynamoDb(), settings.tableName()), clock(), json());
    }

    public ArchiveStore archiveStore() {
        return archiveStore.get(() -> new ArchiveStore(aws::s3, aws.s3Presigner(), settings.archiveBucket(), crashPoints));
    }

    public ResultProcessor resultProcessor() {
        return resultProcessor.get(() -> new ResultProcessor(cloudcheck(), results(), goRequestTable(), akahuSessions(),
                workQueue(), archiveStore(), clock, random, new ResultProcessor.Settings(archiveRetries(),
                        settings.archiveLease(), settings.reconcileInterval()), workerId, crashPoints, metrics));
    }

    /** Failed archives: attempts before FAILED, and a backoff from the configured base up to an hour. */
    private RetryPolicy archiveRetries() {
        return new RetryPolicy(settings.archiveMaxAttempts(), settings.archiveRetryBase(), Duration.ofHours(1));
    }

    public OpenIntents openIntents() {
        return new OpenIntents(intents());
    }

    public Adoption adoption() {
        return new Adoption(cloudcheck(), goRequestTable(), akahuSessions(), intents(), clock, metrics);
    }

    public EventProcessor eventProcessor() {
        return new EventProcessor(resultProcessor(), results(), goRequestTable(), akahuSessions(), intents(), adoption());
    }

    public ZipArchiver zipArchiver() {
        return zipArchiver.get(() -> new ZipArchiver(cloudcheck(), access(), new ZipJobs(dynamoDb(), settings.tableName(), clock),
                archiveStore(), goRequestTable(), clock, settings.zipPollInterval(),
                new RetryPolicy(settings.archiveMaxAttempts(), settings.zipPollInterval(), settings.zipPollInterval().multipliedBy(12)),
                settings.presignedUrlTime(), crashPoints, metrics));
    }

    public Reconciler reconciler() {
        return new Reconciler(resultProcessor(), workQueue(), goRequestTable(), zipArchiver(),
                new IntentReview(intents(), workQueue(), goRequestTable(), adoption(), clock, settings.reconcileInterval(),
                        settings.reconcileGiveUp(), metrics),
                adoption(), cloudcheck(), clock, settings.reconcileInterval(), settings.reconcileGiveUp(), metrics);
    }

    public Downloads downloads() {
        return new Downloads(access(), goRequestTable(), akahuSessions(), archiveStore(), clock, settings.presignedUrlTime());
    }

    public CallbackReceipt callbackReceipt() {
        return new CallbackReceipt(callbackTokens(), new Events(dynamoDb(), settings.tableName()), goRequestTable(),
                akahuSessions(), intents(), json(), clock, crashPoints, metrics);
    }

    /**
     * Card verification's "initiate verification" (seed 003). The SecureRandom is the platform default (NativePRNG on
     * Linux), which mixes fresh /dev/urandom bytes into every draw, so nonces drawn after a SnapStart restore are not
     * replayed from the snapshot.
     */
    public InitiateVerificationService cardVerification() {
        return InitiateVerificationService.from(settings, dynamoDb(), secretsManager(), clock, random);
    }

    boolean hasDynamoDb() {
        return dynamoDb.isBuilt();
    }

    boolean hasArchiveStore() {
        return archiveStore.isBuilt();
    }

    /** A value built on first use and kept. */
    private static final class Once<T> {
        private T value;

        synchronized T get(Supplier<T> build) {
            if (value == null) {
                value = build.get();
            }
            return value;
        }

        synchronized boolean isBuilt() {
            return value != null;
        }
    }
}
