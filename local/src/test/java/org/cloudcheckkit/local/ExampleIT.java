package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What ./run prints: where everything is, and an example that works as printed, ending with the archived PDF saved. */
@ExtendWith(SharedLocalStack.class)
class ExampleIT {

    @Test
    void thePrintedExampleCreatesSendsCompletesAndDownloadsThePdf(LocalStack stack, @TempDir Path directory)
            throws IOException, InterruptedException {
        assumeTrue(onPath("curl") && onPath("python3"), "the example needs curl and python3");
        Path script = Files.writeString(directory.resolve("example.sh"), Banner.example(stack));

        Process bash = new ProcessBuilder("bash", "-e", script.toString()).directory(directory.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS), output);

        assertEquals(0, bash.exitValue(), output);
        assertTrue(output.contains("saved result.pdf"), output);
        byte[] pdf = Files.readAllBytes(directory.resolve("result.pdf"));
        assertTrue(Archive.latin1(pdf).startsWith("%PDF-"), output);
    }

    @Test
    void theBannerSaysWhereEverythingListensAndWhichTokenToUse(LocalStack stack) {
        String banner = Banner.text(stack);

        for (String expected : new String[] {stack.apiUrl().toString(), "Bearer " + stack.apiToken(),
                stack.sandbox().orElseThrow().baseUrl(), stack.aws().endpoint().toString(),
                stack.aws().physicalName("Table"), stack.aws().physicalName(Archive.BUCKET), "POST /go/requests"}) {
            assertTrue(banner.contains(expected), "the banner names " + expected + ":\n" + banner);
        }
    }

    private static boolean onPath(String command) throws IOException, InterruptedException {
        return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    }
}
