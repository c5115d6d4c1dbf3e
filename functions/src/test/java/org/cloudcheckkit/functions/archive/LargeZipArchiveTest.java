package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Map;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 120 MiB results zip is archived by a JVM whose heap is capped at 96 MiB (functions/pom.xml runs this class in its
 * own execution with -Xmx96m): the zip goes from Cloudcheck to S3 part by part, never whole in memory.
 * The zip is sized against the cap, not against Lambda: the 1 GiB case is the benchmark's (bench figure 4).
 */
@Tag("slow")
class LargeZipArchiveTest {
    private static final long HEAP_CAP = 96L * 1024 * 1024;
    private static final int RECIPIENTS = 40;
    private static final long PADDING = 3L * 1024 * 1024;

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void aZipLargerThanTheHeapIsArchivedWhole(LocalAws aws, CloudcheckSandbox sandbox) {
        assertTrue(Runtime.getRuntime().maxMemory() <= HEAP_CAP,
                "this test proves something only with -Xmx96m; functions/pom.xml's large-zip execution runs it so");
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        ZipArchiveTest.Created request = ZipArchiveTest.create(rig, RECIPIENTS);
        sandbox.pdfPaddingBytes(PADDING);
        request.tokens().forEach(token -> sandbox.completeRecipient(token, VerificationOutcome.PASS));
        InContract.handle(rig.downloads,
                ZipArchiveTest.archive(request, "go-archive-start.json"), new FunctionContext("test"));
        sandbox.advanceClock(Duration.ofHours(2));

        // As the schedule would: each run stops short of its deadline, the next carries on.
        JsonNode archived = ZipArchiveTest.status(rig, request);
        for (int run = 0; run < 5 && "GENERATING".equals(archived.get("state").asText()); run++) {
            rig.reconcile.handle(Map.of(), new FunctionContext("test"));
            archived = ZipArchiveTest.status(rig, request);
        }
        assertEquals("ARCHIVED", archived.get("state").asText(), archived.toString());
        long size = archived.get("size").asLong();
        assertTrue(size > RECIPIENTS * PADDING, "the zip is " + size + " bytes");
        assertTrue(size > HEAP_CAP, "larger than the whole heap");
        ServedDocument served = sandbox.servedDocuments().stream()
                .filter(document -> document.path().equals("/go/pdfs/retrieve/")).reduce((a, b) -> b).orElseThrow();
        assertEquals(served.size(), size);
        assertEquals(served.sha256(), archived.get("sha256").asText(), "the archived zip is the one served");
        String zipKey = archived.get("zipKey").asText();
        assertEquals(size, aws.s3().headObject(r -> r.bucket(rig.bucket()).key(zipKey)).contentLength());
        System.out.println("archived a " + size / (1024 * 1024) + " MB zip; peak heap " + peakHeapMegabytes() + " MB of "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB");
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
