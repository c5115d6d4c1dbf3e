package org.cloudcheckkit.local;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.ServerlessFunction;

/** Every function of the template, loaded: one handler instance each, built from that function's own environment. */
public final class LocalFunctions {

    /** Lambda's defaults when neither the function nor Globals sets them. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final int DEFAULT_MEMORY_MB = 128;

    private final Map<String, LocalFunction> functions;

    private LocalFunctions(Map<String, LocalFunction> functions) {
        this.functions = functions;
    }

    /**
     * @param overrides variables every function gets over its template environment (the sandbox's URL, this API's
     *                  URL, short local timings)
     */
    public static LocalFunctions load(LocalAws aws, Map<String, String> overrides, ClassLoader classLoader, Clock clock) {
        Map<String, LocalFunction> loaded = new LinkedHashMap<>();
        for (ServerlessFunction function : aws.template().functions()) {
            loaded.put(function.logicalId(), LocalFunction.load(definition(aws, function, overrides), classLoader, clock));
        }
        return new LocalFunctions(loaded);
    }

    /** Functions loaded elsewhere (tests build them from their own definitions). */
    static LocalFunctions of(List<LocalFunction> functions) {
        Map<String, LocalFunction> byId = new LinkedHashMap<>();
        functions.forEach(function -> byId.put(function.logicalId(), function));
        return new LocalFunctions(byId);
    }

    static LocalFunction.Definition definition(LocalAws aws, ServerlessFunction function, Map<String, String> overrides) {
        String id = function.logicalId();
        String handler = function.handler().orElseThrow(() -> new IllegalStateException(
                id + " has no Handler; image functions cannot run in the local stack"));
        Map<String, Object> properties = function.properties();
        String name = aws.resolve(properties.get("FunctionName")).map(String::valueOf).orElse(aws.stackName() + "-" + id);
        String arn = "arn:aws:lambda:" + aws.region().id() + ":" + aws.resolve(Map.of("Ref", "AWS::AccountId")).orElseThrow()
                + ":function:" + name;
        return new LocalFunction.Definition(id, name, arn, handler,
                number(aws, properties, "Timeout").map(Duration::ofSeconds).orElse(DEFAULT_TIMEOUT),
                number(aws, properties, "MemorySize").map(Math::toIntExact).orElse(DEFAULT_MEMORY_MB),
                aws.functionEnvironment(id, overrides));
    }

    public Optional<LocalFunction> find(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId));
    }

    public LocalFunction get(String logicalId) {
        return find(logicalId).orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + "; the template has "
                + functions.keySet()));
    }

    public Collection<LocalFunction> all() {
        return functions.values();
    }

    private static Optional<Long> number(LocalAws aws, Map<String, Object> properties, String name) {
        return aws.resolve(properties.get(name)).map(value -> {
            try {
                return Long.parseLong(String.valueOf(value));
            } catch (NumberFormatException e) {
                throw new IllegalStateException(name + " must be a whole number, not " + value, e);
            }
        });
    }
}
