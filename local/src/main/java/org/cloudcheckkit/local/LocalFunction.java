package org.cloudcheckkit.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.config.Components;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One function of the template, loaded in this JVM: its handler class, built once (as a warm Lambda instance is) from
 * the function's own environment, and invoked with JSON in and JSON out, as Lambda invokes it. Invocations may run
 * concurrently, as on several warm instances that share one initialisation.
 */
public final class LocalFunction {

    private static final Logger log = LoggerFactory.getLogger(LocalFunction.class);

    private final Definition definition;
    private final Object handler;
    private final Method method;
    private final InvocationCodec input;
    private final InvocationCodec output;
    private final Clock clock;

    /**
     * What Lambda would know of the function.
     *
     * @param handler the template's Handler, {@code package.Class::method} (the method defaults to handleRequest)
     */
    public record Definition(String logicalId, String functionName, String functionArn, String handler, Duration timeout,
                             int memoryMegabytes, Map<String, String> environment) {

        public Definition {
            environment = Map.copyOf(environment);
        }

        /** Names the variables only: the environment holds secret names and endpoints, and may hold more. */
        @Override
        public String toString() {
            return "Definition[" + logicalId + ", " + handler + ", " + environment.keySet() + "]";
        }
    }

    private LocalFunction(Definition definition, Object handler, Method method, InvocationCodec input, InvocationCodec output,
                          Clock clock) {
        this.definition = definition;
        this.handler = handler;
        this.method = method;
        this.input = input;
        this.output = output;
        this.clock = clock;
    }

    /**
     * Loads the handler class and builds it with {@code new Handler(Components.fromEnvironment(environment))}, the
     * constructor every handler offers so that it reads no process environment.
     */
    public static LocalFunction load(Definition definition, ClassLoader classLoader, Clock clock) {
        String[] parts = definition.handler().split("::", 2);
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        Class<?> type;
        try {
            type = Class.forName(parts[0], true, classLoader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(definition.logicalId() + ": its Handler class " + parts[0] + " is not on the class path", e);
        }
        if (RequestStreamHandler.class.isAssignableFrom(type) && methodName.equals("handleRequest")) {
            // As Lambda does: a stream handler gets the payload's bytes and writes its answer's; no serializer between.
            return new LocalFunction(definition, construct(definition, type), null, null, null, clock);
        }
        Method method = handlerMethod(definition.logicalId(), type, methodName);
        Object handler = construct(definition, type);
        return new LocalFunction(definition, handler, method,
                InvocationCodec.forType(method.getGenericParameterTypes()[0], classLoader),
                InvocationCodec.forType(method.getGenericReturnType(), classLoader), clock);
    }

    public String logicalId() {
        return definition.logicalId();
    }

    public String functionName() {
        return definition.functionName();
    }

    public String functionArn() {
        return definition.functionArn();
    }

    public int memoryMegabytes() {
        return definition.memoryMegabytes();
    }

    public Duration timeout() {
        return definition.timeout();
    }

    /** Invokes with a new request id. */
    public String invoke(String payload) throws FunctionError {
        return invoke(payload, UUID.randomUUID().toString());
    }

    /**
     * Reads {@code payload} as the handler's input type, invokes it, and writes what it returns as JSON.
     *
     * @throws FunctionError when the payload does not fit the input type or the handler throws
     */
    public String invoke(String payload, String requestId) throws FunctionError {
        Instant started = clock.instant();
        Context context = new LambdaContext(this, requestId, started.plus(definition.timeout()), clock);
        try {
            if (handler instanceof RequestStreamHandler streaming && method == null) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                streaming.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), answer, context);
                return answer.toString(StandardCharsets.UTF_8);
            }
            Object event = input.read(payload);
            Object result = method.getParameterCount() == 2 ? method.invoke(handler, event, context) : method.invoke(handler, event);
            return output.write(result);
        } catch (IOException e) {
            throw new FunctionError(logicalId(), e);
        } catch (InvocationTargetException e) {
            throw new FunctionError(logicalId(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(logicalId() + ": cannot call " + method, e);
        } catch (RuntimeException e) {
            // The payload did not fit the handler's input type, or its result could not be written.
            throw new FunctionError(logicalId(), e);
        } finally {
            Duration took = Duration.between(started, clock.instant());
            if (took.compareTo(definition.timeout()) > 0) {
                // A thread cannot be stopped safely, so the invocation ran to its end; in AWS it would have been cut off.
                log.warn("{} ran for {} ms, beyond its Timeout of {} s: Lambda would have stopped it", logicalId(),
                        took.toMillis(), definition.timeout().toSeconds());
            }
        }
    }

    /** The public method Lambda would call: by name, taking the event and optionally the Context. */
    private static Method handlerMethod(String logicalId, Class<?> type, String name) {
        List<Method> candidates = Arrays.stream(type.getMethods())
                .filter(method -> method.getName().equals(name) && !method.isBridge() && !method.isSynthetic())
                .filter(method -> method.getParameterCount() == 1
                        || (method.getParameterCount() == 2 && method.getParameterTypes()[1] == Context.class))
                .sorted(Comparator.comparingInt(Method::getParameterCount).reversed())
                .toList();
        if (candidates.isEmpty()) {
            throw new IllegalStateException(logicalId + ": " + type.getName() + " has no public method " + name
                    + "(event) or " + name + "(event, Context)");
        }
        return candidates.get(0);
    }

    private static Object construct(Definition definition, Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName() + " is abstract");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Components.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName() + " needs a public constructor "
                    + "taking Components, so that it is built from its own environment rather than this process's", e);
        }
        try {
            return constructor.newInstance(Components.fromEnvironment(definition.environment()));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName() + " failed to start: " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(definition.logicalId() + ": cannot build " + type.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "LocalFunction[" + logicalId() + "]";
    }
}
