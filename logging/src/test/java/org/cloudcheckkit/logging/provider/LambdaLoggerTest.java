package org.cloudcheckkit.logging.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LambdaLoggerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:56:01.250Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> context = new HashMap<>();

    private ILoggerFactory loggers(Map<String, String> lambdaVariables) {
        LogSettings settings = LogSettings.from(lambdaVariables);
        return LambdaLogProvider.factory(settings, new LogLines(() -> new PrintStream(out, true, StandardCharsets.UTF_8), CLOCK,
                settings.json(), () -> Map.copyOf(context)));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aWarningWithAnExceptionIsOneJsonLineWithLevelTimeLoggerMessageTheContextKeysAndTheWholeStackTrace() throws Exception {
        Logger log = loggers(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON")).getLogger("org.cloudcheckkit.archive.ResultProcessor");
        context.put("requestId", "8f5e2c1a-request");
        context.put("goApiReference", "GO-123");
        IllegalStateException failure = new IllegalStateException("S3 unavailable", new RuntimeException("connection reset"));

        log.warn("attempt {} for {} failed", 3, "Go recipient R1", failure);

        List<String> lines = lines();
        assertEquals(1, lines.size(), "one event, one line:\n" + lines);
        JsonNode event = JSON.readTree(lines.get(0));
        assertEquals("2026-11-22T09:56:01.250Z", event.get("timestamp").asText());
        assertEquals("WARN", event.get("level").asText());
        assertEquals("org.cloudcheckkit.archive.ResultProcessor", event.get("logger").asText());
        assertEquals("attempt 3 for Go recipient R1 failed", event.get("message").asText());
        assertEquals("8f5e2c1a-request", event.get("requestId").asText());
        assertEquals("GO-123", event.get("goApiReference").asText());
        String trace = event.get("exception").asText();
        assertTrue(trace.startsWith("java.lang.IllegalStateException: S3 unavailable"), trace);
        assertTrue(trace.contains("\tat org.cloudcheckkit.logging.provider.LambdaLoggerTest."), trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: connection reset"), trace);
    }

    @Test
    void quotesBackslashesNewlinesAndControlCharactersInAMessageKeepItOneValidJsonLine() throws Exception {
        Logger log = loggers(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON")).getLogger("org.cloudcheckkit.X");
        String awkward = "say \"hi\"\\ then\nnext line\r\tand \u0001 bell";

        log.info("{}", awkward);

        assertEquals(1, lines().size(), lines().toString());
        assertEquals(awkward, JSON.readTree(lines().get(0)).get("message").asText());
    }

    @Test
    void lambdasApplicationLogLevelDecidesWhatThisProjectWritesWhileLibrariesWriteOnlyWarningsAndErrors() throws Exception {
        ILoggerFactory loggers = loggers(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "DEBUG"));
        Logger own = loggers.getLogger("org.cloudcheckkit.cloudcheck.CloudcheckClient");
        Logger sdk = loggers.getLogger("software.amazon.awssdk.request");

        own.trace("not at DEBUG");
        own.debug("cloudcheck {} attempt {}", "/go/create/", 1);
        sdk.debug("Sending Request: every header");
        sdk.info("not at WARN either");
        sdk.warn("the SDK warns");

        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("DEBUG", JSON.readTree(lines.get(0)).get("level").asText());
        assertEquals("the SDK warns", JSON.readTree(lines.get(1)).get("message").asText());
        assertFalse(own.isTraceEnabled());
        assertTrue(own.isDebugEnabled());
        assertFalse(sdk.isInfoEnabled());
    }

    @Test
    void withoutLambdasVariablesTheLevelIsInfoAndLinesArePlainTextForPeople() {
        Logger log = loggers(Map.of()).getLogger("org.cloudcheckkit.functions.http.ApiRoutes");
        context.put("requestId", "r-1");

        log.debug("not at INFO");
        log.info("route={} status={}", "POST /go/requests", 201);
        log.error("failed", new IllegalArgumentException("bad"));

        List<String> lines = lines();
        assertEquals("[INFO] ApiRoutes - route=POST /go/requests status=201 {requestId=r-1}", lines.get(0));
        assertEquals("[ERROR] ApiRoutes - failed {requestId=r-1}", lines.get(1));
        assertEquals("java.lang.IllegalArgumentException: bad", lines.get(2));
    }

    @Test
    void slf4jFindsThisProviderAndItsMdcReachesTheLines() {
        Logger log = LoggerFactory.getLogger("org.cloudcheckkit.Anything");
        assertInstanceOf(LambdaLogger.class, log);
        MDC.put("requestId", "from-mdc");
        try {
            assertEquals("from-mdc", MDC.get("requestId"));
        } finally {
            MDC.clear();
        }
    }
}
