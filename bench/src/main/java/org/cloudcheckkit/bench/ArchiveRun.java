package org.cloudcheckkit.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.Download;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;
import org.cloudcheckkit.config.Components;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Figure 4's measuring JVM, started with the heap capped ({@code -Xmx256m}) and the function's own environment:
 * <ul>
 * <li>{@code archive <goApiReference>}: what the reconciler does for a due zip job - {@code ZipArchiver.poll}: claim,
 * fetch the zip from Cloudcheck, stream it into S3 with its SHA-256, record it;</li>
 * <li>{@code floor <jobToken> <bucket> <key>}: the same bytes copied plainly - the same signed fetch, then an S3
 * multipart upload of 8 MiB parts straight from the HTTP stream, with no hashing, no encryption header, no DynamoDB.</li>
 * </ul>
 * Writes one line of {@code key=value} figures to the result file: bytes, seconds, peak heap (sampled every 5 ms,
 * and the sum of the pools' peaks, an upper bound), and peak RSS (VmHWM).
 */
public final class ArchiveRun {
    private static final int PART_SIZE = 8 * 1024 * 1024;

    private ArchiveRun() {
    }

    public static void main(String[] args) throws Exception {
        Path resultFile = Path.of(args[args.length - 1]);
        Components components = Components.fromEnvironment(System.getenv());
        Deadline deadline = Deadline.after(Duration.ofMinutes(14), Clock.systemUTC());
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long started = System.nanoTime();
        long bytes;
        if (args[0].equals("archive")) {
            components.zipArchiver().poll(args[1], deadline);
            // The size is what the archiver recorded; the harness checks it against what the sandbox served.
            bytes = -1;
        } else {
            bytes = plainCopy(components, args[1], args[2], args[3], deadline);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.stopSampling();
        String result = String.format("bytes=%d seconds=%.3f peakHeapSampled=%d peakHeapPools=%d vmHwmKb=%d maxHeap=%d%n",
                bytes, seconds, sampler.peak(), poolPeaks(), vmHwmKilobytes(), Runtime.getRuntime().maxMemory());
        Files.writeString(resultFile, result, StandardCharsets.UTF_8);
        System.exit(0);
    }

    private static long plainCopy(Components components, String jobToken, String bucket, String key, Deadline deadline)
            throws IOException {
        S3Client s3 = components.aws().s3();
        ZipRetrieval retrieval = components.cloudcheck().go().retrievePdfs(jobToken, deadline);
        if (!(retrieval instanceof ZipRetrieval.Ready ready)) {
            throw new IllegalStateException("the zip is not ready: " + retrieval);
        }
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        byte[] buffer = new byte[PART_SIZE];
        long total = 0;
        try (Download zip = ready.zip(); InputStream in = zip.stream()) {
            for (int number = 1; ; number++) {
                int filled = in.readNBytes(buffer, 0, buffer.length);
                if (filled == 0) {
                    break;
                }
                total += filled;
                int partNumber = number;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromInputStream(
                        new ByteArrayInputStream(buffer, 0, filled), filled)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
        }
        s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(parts)));
        return total;
    }

    private static long poolPeaks() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** The process's peak resident set, as the kernel counts it. */
    private static long vmHwmKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Heap in use, sampled: the pools' own peaks are taken at different moments, so their sum overstates. */
    private static final class HeapSampler extends Thread {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
            interrupt();
        }

        long peak() {
            return peak.get();
        }
    }

    static Map<String, String> parse(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.strip().split("\\s+")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }
}
