package org.cloudcheckkit.bench.launcher;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start, as Lambda's Java runtime makes it for a stream handler (every function here is one): load the
 * handler class, construct it with its no-argument constructor (static init, constructor, SDK clients), hand it the
 * event's bytes, take back its answer's bytes, and print one line with what it answered. The harness times from
 * process start to that line.
 *
 * <p>Usage: {@code ColdStartLauncher <handler class> <event file>}; the function's environment is this process's.
 */
public final class ColdStartLauncher {
    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[0]);
        if (!RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            throw new IllegalArgumentException(args[0] + " is not a RequestStreamHandler, as every function here is");
        }
        RequestStreamHandler handler = (RequestStreamHandler) handlerClass.getConstructor().newInstance();
        long constructed = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, new LauncherContext());
        long answered = System.nanoTime();
        // Phases go to stderr, which the harness keeps apart from the answer line it times.
        System.err.printf("PHASES jvm-to-main=%d construct=%d first-invoke=%d%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() - (answered - started) / 1_000_000,
                (constructed - started) / 1_000_000, (answered - constructed) / 1_000_000);
        System.out.println("RESPONSE " + describe(answer.toString(StandardCharsets.UTF_8)));
        System.out.flush();
        System.exit(0);
    }

    /** An HTTP answer by its status; any other answer as it is, cut short. */
    private static String describe(String json) {
        Matcher status = STATUS.matcher(json);
        return status.find() ? "status=" + status.group(1) : json.substring(0, Math.min(200, json.length()));
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
