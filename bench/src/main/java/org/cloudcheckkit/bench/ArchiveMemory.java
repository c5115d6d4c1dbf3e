package org.cloudcheckkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.Principal;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Figure 4: a results zip of at least the asked size is archived from the sandbox into S3 (moto) by a JVM whose heap
 * is capped at 256 MB, beside a plain streaming copy of the same bytes (the floor), in alternating child JVMs with the
 * same options. The archived object is checked: its size and SHA-256 are those the sandbox served.
 */
final class ArchiveMemory {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The function that polls zip jobs in production (the schedule): its environment is the child's. */
    private static final String FUNCTION = "ReconcileFunction";
    static final String HEAP_CAP = "-Xmx256m";

    private final BenchStack stack;
    private final Path workDirectory;

    ArchiveMemory(BenchStack stack, Path workDirectory) {
        this.stack = stack;
        this.workDirectory = workDirectory;
    }

    /** One child JVM's figures. */
    record Run(String kind, long bytes, double seconds, long peakHeapSampled, long peakHeapPools, long vmHwmBytes) {
        double mibPerSecond() {
            return bytes / (1024.0 * 1024.0) / seconds;
        }
    }

    record Result(long zipBytes, int recipients, long paddingBytes, List<Run> archives, List<Run> floors, boolean verified) {
        double throughput() {
            return medianOf(archives.stream().map(Run::mibPerSecond).toList());
        }

        double floorThroughput() {
            return medianOf(floors.stream().map(Run::mibPerSecond).toList());
        }

        long peakHeap() {
            return archives.stream().mapToLong(Run::peakHeapSampled).max().orElse(0);
        }

        long peakHeapPools() {
            return archives.stream().mapToLong(Run::peakHeapPools).max().orElse(0);
        }

        long peakRss() {
            return archives.stream().mapToLong(Run::vmHwmBytes).max().orElse(0);
        }

        long floorPeakRss() {
            return floors.stream().mapToLong(Run::vmHwmBytes).max().orElse(0);
        }

        long floorPeakHeap() {
            return floors.stream().mapToLong(Run::peakHeapSampled).max().orElse(0);
        }

        private static double medianOf(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            sorted.sort(Double::compare);
            return sorted.isEmpty() ? 0 : sorted.get((sorted.size() - 1) / 2);
        }
    }

    /**
     * @param recipients   PDFs in the zip
     * @param paddingBytes padding of each PDF, so that the zip reaches the size wanted
     */
    Result measure(int recipients, long paddingBytes, int rounds) {
        String goApiReference = respondedRequest(recipients, paddingBytes);
        String bucket = stack.aws.physicalName("ArchiveBucket");
        List<Run> archives = new ArrayList<>();
        List<Run> floors = new ArrayList<>();
        long zipBytes = 0;
        boolean verified = true;
        for (int round = 1; round <= rounds; round++) {
            String jobToken = startZipJob(goApiReference);
            // The floor first: it reads the zip the archiver is about to read, so the sandbox has made it once.
            String floorKey = "bench/floor-" + UUID.randomUUID() + ".zip";
            Run floor = child("floor", List.of(jobToken, bucket, floorKey));
            floors.add(floor);
            deleteAllVersions(bucket, floorKey);

            Run archive = child("archive", List.of(goApiReference));
            Map<String, AttributeValue> job = zipItem(goApiReference);
            if (!"ARCHIVED".equals(text(job, "state"))) {
                throw new IllegalStateException("the zip was not archived: " + job);
            }
            long size = Long.parseLong(job.get("size").n());
            ServedDocument served = stack.sandbox.servedDocuments().stream()
                    .filter(document -> document.path().equals("/go/pdfs/retrieve/")).reduce((a, b) -> b).orElseThrow();
            long stored = stack.aws.s3().headObject(request -> request.bucket(bucket).key(text(job, "zipKey"))).contentLength();
            verified &= served.size() == size && served.sha256().equals(text(job, "sha256")) && stored == size
                    && floor.bytes() == size;
            archives.add(new Run("archive", size, archive.seconds(), archive.peakHeapSampled(), archive.peakHeapPools(),
                    archive.vmHwmBytes()));
            zipBytes = size;
            deleteAllVersions(bucket, text(job, "zipKey"));
        }
        if (!verified) {
            throw new IllegalStateException("an archived zip's size or SHA-256 differs from what the sandbox served");
        }
        return new Result(zipBytes, recipients, paddingBytes, archives, floors, verified);
    }

    /** A Go request made through the real handlers, sent, every recipient responded, PDFs padded. */
    private String respondedRequest(int recipients, long paddingBytes) {
        FreshEvents events = new FreshEvents(stack);
        APIGatewayV2HTTPResponse created = new CreateHandler(stack.components("CreateFunction"))
                .handle(apiEvent(read(events.goCreateWith(recipients))), new FunctionContext("CreateFunction"));
        JsonNode body = readJson(created.getBody());
        if (created.getStatusCode() != 201) {
            throw new IllegalStateException("create answered " + created.getStatusCode() + ": " + created.getBody());
        }
        String goApiReference = body.get("goApiReference").asText();
        String send = read(stack.projectRoot.resolve("events/go-send.json")).replace("REPLACE-goApiReference", goApiReference)
                .replaceAll("\"idempotency-key\": \"[^\"]*\"", "\"idempotency-key\": \"" + UUID.randomUUID() + "\"");
        new SendHandler(stack.components("SendFunction")).handle(apiEvent(send), new FunctionContext("SendFunction"));
        stack.sandbox.pdfPaddingBytes(paddingBytes);
        for (JsonNode recipient : body.get("recipients")) {
            stack.sandbox.completeRecipient(recipient.get("recipientToken").asText(), VerificationOutcome.PASS);
        }
        return goApiReference;
    }

    /** The benchmark acts as an administrator would: on requests it did not make through the API. */
    private static final Caller BENCH_ADMIN = new Caller(new Principal("bench", null, Set.of("cloudcheck/admin")), null);

    /** Starts a zip job as POST /go/requests/{ref}/archive does, and lets the sandbox's clock run until it is ready. */
    private String startZipJob(String goApiReference) {
        String jobToken = stack.components("DownloadsFunction").zipArchiver()
                .start(goApiReference, BENCH_ADMIN, Deadline.after(Duration.ofSeconds(30), Clock.systemUTC())).jobToken();
        stack.sandbox.advanceClock(Duration.ofHours(2));
        return jobToken;
    }

    private Run child(String kind, List<String> arguments) {
        Path result = workDirectory.resolve("archive-" + kind + "-" + UUID.randomUUID() + ".txt");
        Path log = workDirectory.resolve("archive-" + kind + ".log");
        List<String> command = new ArrayList<>(List.of(WarmCost.javaCommand(), HEAP_CAP, "-cp",
                System.getProperty("java.class.path"), ArchiveRun.class.getName(), kind));
        command.addAll(arguments);
        command.add(result.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Map<String, String> functionEnvironment = new HashMap<>(stack.environment(FUNCTION));
        // Local timings, as in the local stack: the job is due now, not in five minutes.
        functionEnvironment.put("ZIP_POLL_SECONDS", "0");
        environment.putAll(functionEnvironment);
        try {
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(kind + " JVM failed; its log, " + log + ", ends:\n" + WarmCost.tail(log, 30));
            }
            Map<String, String> figures = ArchiveRun.parse(Files.readString(result, StandardCharsets.UTF_8));
            return new Run(kind, Long.parseLong(figures.get("bytes")), Double.parseDouble(figures.get("seconds")),
                    Long.parseLong(figures.get("peakHeapSampled")), Long.parseLong(figures.get("peakHeapPools")),
                    Long.parseLong(figures.get("vmHwmKb")) * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The archive bucket keeps versions; a benchmark's gigabytes are removed so moto does not hold them. */
    private void deleteAllVersions(String bucket, String key) {
        for (ObjectVersion version : stack.aws.s3().listObjectVersions(request -> request.bucket(bucket).prefix(key)).versions()) {
            stack.aws.s3().deleteObject(request -> request.bucket(bucket).key(version.key()).versionId(version.versionId()));
        }
    }

    private Map<String, AttributeValue> zipItem(String goApiReference) {
        return stack.aws.dynamoDb().getItem(request -> request.tableName(stack.aws.physicalName("Table"))
                .key(Map.of("pk", AttributeValue.fromS("GO#" + goApiReference), "sk", AttributeValue.fromS("ZIP")))
                .consistentRead(true)).item();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static APIGatewayV2HTTPEvent apiEvent(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ArchiveMemory.class.getClassLoader())
                .fromJson(json);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
