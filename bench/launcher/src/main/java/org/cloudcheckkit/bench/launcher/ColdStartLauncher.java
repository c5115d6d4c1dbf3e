package org.cloudcheckkit.bench.launcher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold start, as Lambda's Java runtime makes it: load the handler class, construct it with its no-argument
 * constructor (static init, constructor, SDK clients), read the event with Lambda's own serializer, invoke once, and
 * print one line with what it answered. The harness times from process start to that line.
 *
 * <p>Usage: {@code ColdStartLauncher <handler class> <event file>}; the function's environment is this process's.
 */
public final class ColdStartLauncher {

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        Object handler = handlerClass.getConstructor().newInstance();
        long constructed = System.nanoTime();
        String eventJson = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        Object response = invoke(handler, eventJson);
        long answered = System.nanoTime();
        // Phases go to stderr, which the harness keeps apart from the answer line it times.
        System.err.printf("PHASES jvm-to-main=%d construct=%d first-invoke=%d%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (answered - started) / 1_000_000,
                (constructed - started) / 1_000_000, (answered - constructed) / 1_000_000);
        System.out.println("RESPONSE " + describe(response));
        System.out.flush();
        System.exit(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object invoke(Object handler, String eventJson) throws java.io.IOException {
        if (handler instanceof RequestStreamHandler streaming) {
            // As the runtime does for a stream handler: the event's bytes in, the answer's bytes out, no serializer.
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            streaming.handleRequest(new java.io.ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), answer,
                    new LauncherContext());
            return answer.toString(StandardCharsets.UTF_8);
        }
        Class<?> eventType = eventType(handler.getClass());
        Object event = eventType == Map.class
                ? LambdaEventSerializers.serializerFor((Class) Object.class, ColdStartLauncher.class.getClassLoader()).fromJson(eventJson)
                : LambdaEventSerializers.serializerFor(eventType, ColdStartLauncher.class.getClassLoader()).fromJson(eventJson);
        return ((RequestHandler) handler).handleRequest(event, new LauncherContext());
    }

    private static Class<?> eventType(Class<?> handlerClass) {
        for (Type type : handlerClass.getGenericInterfaces()) {
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                Type input = parameterized.getActualTypeArguments()[0];
                return input instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) input;
            }
        }
        throw new IllegalArgumentException(handlerClass + " is not a RequestHandler");
    }

    private static String describe(Object response) throws Exception {
        if (response == null) {
            return "null";
        }
        if (response instanceof String json) {
            java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(json);
            return status.find() ? "status=" + status.group(1) : json.substring(0, Math.min(200, json.length()));
        }
        for (String getter : new String[] {"getStatusCode"}) {
            try {
                Method method = response.getClass().getMethod(getter);
                return "status=" + method.invoke(response);
            } catch (NoSuchMethodException notThere) {
                // Not an HTTP response; say what it is instead.
            }
        }
        String text = response.toString();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** The context Lambda passes: a request id and the time left. */
    static final class LauncherContext implements Context {
        private final long deadline = System.currentTimeMillis() + 30_000;

        @Override
        public String getAwsRequestId() {
            return "cold-start";
        }

        @Override
        public String getLogGroupName() {
            return "bench";
        }

        @Override
        public String getLogStreamName() {
            return "bench";
        }

        @Override
        public String getFunctionName() {
            return "bench";
        }

        @Override
        public String getFunctionVersion() {
            return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:ap-southeast-2:123456789012:function:bench";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) (deadline - System.currentTimeMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return 1769;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.err.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.err.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
