package org.cloudcheckkit.localaws;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The template deployed in an emulator: the names of what was made, the secrets' values, clients for the
 * emulator, and the environment a function would run with. Closing it closes the clients, not the emulator.
 * Safe to use from several threads.
 */
public final class LocalAws implements AutoCloseable {

    private final AwsEmulator emulator;
    private final ServiceClients clients;
    private final StackTemplate template;
    private final String stackName;
    private final Map<String, LocalResource> resources;
    private final Map<String, TemplateSecrets.SeededSecret> secrets;
    private final IntrinsicResolver resolver; // guarded by this: it caches conditions as it evaluates them

    LocalAws(AwsEmulator emulator, ServiceClients clients, StackTemplate template, StackOptions options,
             PseudoParameters stack, Map<String, LocalResource> resources, Map<String, TemplateSecrets.SeededSecret> secrets) {
        this.emulator = emulator;
        this.clients = clients;
        this.template = template;
        this.stackName = options.stackName();
        this.resources = Map.copyOf(resources);
        this.secrets = Map.copyOf(secrets);
        this.resolver = new IntrinsicResolver(template, options.parameterOverrides(), stack,
                logicalId -> Optional.ofNullable(this.resources.get(logicalId)));
    }

    public URI endpoint() {
        return emulator.endpoint();
    }

    public Region region() {
        return emulator.region();
    }

    public String stackName() {
        return stackName;
    }

    public StackTemplate template() {
        return template;
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return clients.dynamoDbStreams();
    }

    public S3Client s3() {
        return clients.s3();
    }

    public SecretsManagerClient secretsManager() {
        return clients.secretsManager();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    /** Every resource made, by logical id. */
    public Map<String, LocalResource> resources() {
        return resources;
    }

    /** The table, bucket or queue name made for {@code logicalId}. */
    public String physicalName(String logicalId) {
        return resource(logicalId).physicalName();
    }

    /** The ARN of the stream of the table {@code logicalId}. */
    public String tableStreamArn(String logicalId) {
        return attribute(logicalId, "StreamArn");
    }

    public String queueUrl(String logicalId) {
        return attribute(logicalId, "QueueUrl");
    }

    /**
     * The name of a secret of the template: the one a parameter names ({@code CloudcheckSecretId}) or one it makes
     * ({@code WebhookTokenSecret}).
     */
    public String secretName(String templateName) {
        return secret(templateName).name();
    }

    /** What that secret holds, field by field; for tests that must present the same credentials. */
    public Map<String, String> secretFields(String templateName) {
        return secret(templateName).fields();
    }

    /**
     * The environment {@code functionLogicalId} would run with here: its variables (Globals, then its own)
     * resolved against this deployment, what Lambda sets from its LoggingConfig (AWS_LAMBDA_LOG_FORMAT and
     * AWS_LAMBDA_LOG_LEVEL), then the emulator's endpoint, region and dummy credentials, then {@code overrides}. A variable that is overridden is not resolved, so an override also stands in for a
     * value that has no local meaning (a function's own ARN, an API's URL).
     */
    public synchronized Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> overrides) {
        Map<String, String> environment = new LinkedHashMap<>();
        ServerlessFunction function = template.function(functionLogicalId);
        Map<String, Object> variables = new LinkedHashMap<>(function.environment());
        Map<String, Object> logging = function.loggingConfig();
        if (logging.containsKey("LogFormat")) {
            variables.put("AWS_LAMBDA_LOG_FORMAT", logging.get("LogFormat"));
        }
        if (logging.containsKey("ApplicationLogLevel")) {
            variables.put("AWS_LAMBDA_LOG_LEVEL", logging.get("ApplicationLogLevel"));
        }
        variables.forEach((name, value) -> {
            if (overrides.containsKey(name)) {
                return;
            }
            try {
                resolver.resolveText(value).ifPresent(text -> environment.put(name, text));
            } catch (TemplateException e) {
                throw new TemplateException("Environment variable " + name + " of " + functionLogicalId + ": " + e.getMessage(), e);
            }
        });
        environment.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        environment.put("AWS_REGION", emulator.region().id());
        environment.put("AWS_ACCESS_KEY_ID", AwsEmulator.DUMMY_CREDENTIAL);
        environment.put("AWS_SECRET_ACCESS_KEY", AwsEmulator.DUMMY_CREDENTIAL);
        environment.putAll(overrides);
        return Collections.unmodifiableMap(environment);
    }

    /** Resolves any template value against this deployment, such as an event's stream or schedule expression. */
    public synchronized Optional<Object> resolve(Object templateValue) {
        return resolver.resolve(templateValue);
    }

    /** Closes the clients; the emulator and what was made in it stay. */
    @Override
    public void close() {
        clients.close();
    }

    private LocalResource resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId)).orElseThrow(() -> new IllegalArgumentException(
                "Nothing was made locally for " + logicalId + "; made: " + resources.keySet()));
    }

    private String attribute(String logicalId, String attribute) {
        LocalResource resource = resource(logicalId);
        return Optional.ofNullable(resource.attributes().get(attribute)).orElseThrow(() -> new IllegalArgumentException(
                resource.type() + " " + logicalId + " has no " + attribute + "; it has " + resource.attributes().keySet()));
    }

    private TemplateSecrets.SeededSecret secret(String templateName) {
        return Optional.ofNullable(secrets.get(templateName)).orElseThrow(() -> new IllegalArgumentException(
                "No secret was made for " + templateName + "; made for: " + secrets.keySet()));
    }

    @Override
    public String toString() {
        return "LocalAws[" + stackName + " at " + emulator.endpoint() + ", " + resources.keySet() + "]";
    }
}
