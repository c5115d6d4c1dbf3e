package org.cloudcheckkit.localaws;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a function's {@code Events}. Values that may be intrinsic functions (an API id, a stream ARN, a
 * schedule expression, a destination) are left unresolved: {@link IntrinsicResolver} gives them local values.
 */
public sealed interface FunctionEvent {

    /** The event's key under {@code Events}. */
    String name();

    /** An {@code HttpApi} event: a route on an HTTP API. */
    record HttpApi(String name, Optional<String> method, Optional<String> path, Optional<Object> apiId,
                   Map<String, Object> auth) implements FunctionEvent {

        /** API Gateway's route key: {@code "GET /x"}, or {@code "$default"} when neither Method nor Path is given. */
        public String routeKey() {
            return method.isEmpty() ? "$default" : method.get().toUpperCase(Locale.ROOT) + " " + path.orElseThrow();
        }

        /** The authorizer named by {@code Auth.Authorizer}; {@code "NONE"} turns the API's default authorizer off. */
        public Optional<String> authorizer() {
            return Optional.ofNullable(auth.get("Authorizer")).flatMap(Scalar::text);
        }
    }

    /** A {@code Schedule} or {@code ScheduleV2} event. */
    record Schedule(String name, String type, Object expression, boolean enabled) implements FunctionEvent {
    }

    /**
     * A {@code DynamoDB} stream event, with Lambda's defaults where the template says nothing: batches of 100,
     * retried until the records expire (-1), not bisected.
     */
    record DynamoDb(String name, Object stream, String startingPosition, int batchSize, int maximumRetryAttempts,
                    boolean bisectBatchOnFunctionError, List<String> functionResponseTypes, List<String> filterPatterns,
                    Optional<Object> onFailureDestination) implements FunctionEvent {

        public DynamoDb {
            functionResponseTypes = List.copyOf(functionResponseTypes);
            filterPatterns = List.copyOf(filterPatterns);
        }

        /** With {@code ReportBatchItemFailures} the function names the records that failed instead of failing the batch. */
        public boolean reportsBatchItemFailures() {
            return functionResponseTypes.contains("ReportBatchItemFailures");
        }
    }

    /** Any other event type (SQS, S3, EventBridgeRule...), kept as written. */
    record Other(String name, String type, Map<String, Object> properties) implements FunctionEvent {
    }

    static FunctionEvent read(String name, PropertyMap definition) {
        String type = definition.requiredString("Type");
        PropertyMap properties = definition.mapOrEmpty("Properties");
        return switch (type) {
            case "HttpApi" -> httpApi(name, properties);
            case "Schedule" -> new Schedule(name, type, properties.required("Schedule"), enabled(properties));
            case "ScheduleV2" -> new Schedule(name, type, properties.required("ScheduleExpression"), enabled(properties));
            case "DynamoDB" -> dynamoDb(name, properties);
            default -> new Other(name, type, properties.values());
        };
    }

    private static HttpApi httpApi(String name, PropertyMap properties) {
        Optional<String> method = properties.optionalString("Method");
        Optional<String> path = properties.optionalString("Path");
        if (method.isPresent() != path.isPresent()) {
            throw new TemplateException(properties.path() + " must give both Method and Path, or neither for the $default route");
        }
        return new HttpApi(name, method, path, properties.optional("ApiId"), properties.mapOrEmpty("Auth").values());
    }

    /** {@code Enabled} (Schedule only) wins over {@code State}; both default to enabled. */
    private static boolean enabled(PropertyMap properties) {
        return properties.optionalBoolean("Enabled")
                .orElseGet(() -> !properties.optionalString("State").orElse("ENABLED").equals("DISABLED"));
    }

    private static DynamoDb dynamoDb(String name, PropertyMap properties) {
        List<String> patterns = properties.mapOrEmpty("FilterCriteria").maps("Filters").stream()
                .map(filter -> {
                    Object pattern = filter.required("Pattern");
                    // The pattern is JSON text; SAM also accepts it written as YAML.
                    return Scalar.text(pattern).orElseGet(() -> Json.write(pattern));
                })
                .toList();
        Optional<Object> onFailure = properties.mapOrEmpty("DestinationConfig").mapOrEmpty("OnFailure").optional("Destination");
        return new DynamoDb(name, properties.required("Stream"), properties.requiredString("StartingPosition"),
                Math.toIntExact(properties.optionalLong("BatchSize").orElse(100L)),
                Math.toIntExact(properties.optionalLong("MaximumRetryAttempts").orElse(-1L)),
                properties.optionalBoolean("BisectBatchOnFunctionError").orElse(false),
                properties.strings("FunctionResponseTypes"), patterns, onFailure);
    }
}
