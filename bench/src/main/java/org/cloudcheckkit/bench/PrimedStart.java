package org.cloudcheckkit.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudcheckkit.localaws.FunctionContext;

/**
 * Figure 6's measuring JVM: one first invocation, primed as SnapStart primes it or not. Constructs the handler with
 * its no-argument constructor (as Lambda's init does; the constructor registers the function's CRaC resources), then,
 * when primed, calls {@code org.crac.Core.checkpointRestore()}, which on this JVM runs the registered resources'
 * {@code beforeCheckpoint} and {@code afterRestore} (bench {@code crac.Core}): what Lambda runs before it takes the
 * snapshot and after it restores one. Then it serves the fresh first event while {@link RecordedHttp} records and
 * times every exchange, so the first invocation's own time and its round trips are told apart. A primed run then
 * serves a second fresh event while recording it, and replays that from the recording until warm and times it: the
 * function's warm p50, network subtracted, as figure 3 measures it.
 *
 * <p>It also counts the classes the first invocation loads and the time the JIT compiler spends during it (on the
 * same core): what the hooks left undone. Nothing of Jackson or the SDK is touched here before the handler is: the
 * output is one plain line.
 *
 * <p>Usage: {@code PrimedStart primed|unprimed <handler class> <first event> <second event> <warm-up
 * invocations> <warm-up ms> <measured invocations> <measure ms>}; the function's environment is this process's.
 */
public final class PrimedStart {
    private static final Pattern STATUS = Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");

    private PrimedStart() {
    }

    public static void main(String[] args) throws Exception {
        boolean primed = args[0].equals("primed");
        RecordedHttp http = RecordedHttp.install();
        byte[] event = Files.readAllBytes(Path.of(args[2]));

        long started = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[1]).getConstructor().newInstance();
        long constructed = System.nanoTime();
        int resources = org.cloudcheckkit.bench.crac.Core.registered();
        if (primed) {
            org.crac.Core.checkpointRestore();
        }
        long restored = System.nanoTime();

        // What the first invocation still loads and compiles: what priming left undone, counted (its causes). The
        // harness's own first steps - its Lambda context, its marker line - are taken before the count starts.
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        FunctionContext context = new FunctionContext("bench");
        http.record();
        // Marks the first invocation in the log, for a run with -Xlog (bench.jvmArgs): its "tn" decoration is this clock.
        System.out.println("FIRST-INVOCATION nanos=" + System.nanoTime());
        long loadedBefore = classes.getTotalLoadedClassCount();
        long compilingBefore = compiler.getTotalCompilationTime();
        long invoked = System.nanoTime();
        String answer = invoke(handler, event, context);
        long answered = System.nanoTime();
        long loaded = classes.getTotalLoadedClassCount() - loadedBefore;
        long compilingMillis = compiler.getTotalCompilationTime() - compilingBefore;
        long network = http.networkNanos();
        int calls = http.recorded().size();

        long warmP50 = -1;
        int warmInvocations = 0;
        if (primed) {
            // A second event, served for real while recorded, is what is replayed: the first made one-time calls
            // (secrets) that later invocations do not.
            System.out.println("FIRST-INVOCATION-END nanos=" + answered);
            byte[] second = Files.readAllBytes(Path.of(args[3]));
            http.record();
            String secondAnswer = invoke(handler, second);
            List<Long> warm = warm(http, handler, second, secondAnswer, Integer.parseInt(args[4]), Long.parseLong(args[5]),
                    Integer.parseInt(args[6]), Long.parseLong(args[7]));
            warmP50 = Statistics.percentile(warm, 50);
            warmInvocations = warm.size();
        }
        System.out.printf("RESULT construct=%d checkpoint=%d first=%d network=%d calls=%d resources=%d warmP50=%d "
                        + "warmInvocations=%d loaded=%d compilingMillis=%d answer=%s%n", constructed - started,
                restored - constructed, answered - invoked, network, calls, resources, warmP50, warmInvocations, loaded,
                compilingMillis, answer);
        System.out.flush();
        System.exit(0);
    }

    /** The recorded event again and again, answered from the recording: a warm-up, then timed invocations. */
    private static List<Long> warm(RecordedHttp http, RequestStreamHandler handler, byte[] event, String expected,
                                   int warmupInvocations, long warmupMillis, int measuredInvocations, long measureMillis)
            throws Exception {
        http.replay();
        long warmupStarted = System.nanoTime();
        for (int i = 0; i < warmupInvocations || (System.nanoTime() - warmupStarted) / 1_000_000 < warmupMillis; i++) {
            replayOnce(http, handler, event, expected);
        }
        List<Long> nanos = new ArrayList<>();
        long measureStarted = System.nanoTime();
        while (nanos.size() < measuredInvocations
                && (nanos.size() < 200 || (System.nanoTime() - measureStarted) / 1_000_000 < measureMillis)) {
            nanos.add(replayOnce(http, handler, event, expected));
        }
        http.pass();
        return nanos;
    }

    private static long replayOnce(RecordedHttp http, RequestStreamHandler handler, byte[] event, String expected)
            throws Exception {
        long started = System.nanoTime();
        String answer = invoke(handler, event);
        long took = System.nanoTime() - started;
        http.rewind();
        if (!answer.equals(expected)) {
            throw new IllegalStateException("answered " + answer + " from the recording, " + expected + " for real");
        }
        return took;
    }

    private static String invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        return invoke(handler, event, new FunctionContext("bench"));
    }

    private static String invoke(RequestStreamHandler handler, byte[] event, FunctionContext context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        String json = out.toString(StandardCharsets.UTF_8);
        Matcher status = STATUS.matcher(json);
        return status.find() ? "status=" + status.group(1) : json.substring(0, Math.min(200, json.length())).replace(' ', '_');
    }
}
