package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cloudcheckkit.config.Components;

/**
 * A function's own request for SnapStart priming ({@link Components#fromEnvironment(java.util.Map, Function)}): the
 * function's handler, built over the components priming gives it (the same function over an in-memory AWS and
 * Cloudcheck), answers a first event as Lambda hands it over, bytes in and bytes out. The event is the function's
 * example event (resources priming/, copied from events/ for a request named PRIMING and a priming caller, an
 * idempotent route's with a placeholder for its Idempotency-Key), so the
 * request takes the route's success path; an answer that is not a success fails the request, and priming stops there.
 */
public final class OwnRequests {

    /** Where an event names the callback id priming's seeded Go request was given (a random one, as any request's). */
    private static final String CALLBACK_ID = "PRIMING-CALLBACK-ID";
    /** Where an event names its Idempotency-Key: each request is given a new one. */
    private static final String IDEMPOTENCY_KEY = "PRIMING-IDEMPOTENCY-KEY";
    /** The Go request priming seeds before the own requests ({@code SnapStartPriming}), which the events name. */
    private static final String SEEDED_REQUEST = "PRIMING";

    private OwnRequests() {
    }

    /** The callback id of the Go request priming seeded in the in-memory table. */
    public static String seededCallbackId(Components inMemory) {
        return inMemory.goRequestTable().find(SEEDED_REQUEST)
                .orElseThrow(() -> new IllegalStateException("priming's Go request was not seeded")).callbackId();
    }

    /** An API route's: its answer succeeds with a 2xx status. */
    public static Function<Components, Runnable> api(Function<Components, ? extends RequestStreamHandler> handler,
                                                     String event, BiFunction<Components, String, String> completed) {
        return of(handler, event, completed, answer -> answer.path("statusCode").asInt() / 100 == 2);
    }

    public static Function<Components, Runnable> of(Function<Components, ? extends RequestStreamHandler> handler,
                                                    String event, Predicate<JsonNode> succeeded) {
        return of(handler, event, (inMemory, text) -> text, succeeded);
    }

    /**
     * @param event     the name of the event under resources priming/; read at the checkpoint, not at every cold start
     * @param completed the event's text completed with what only the function's components know (an allowed host,
     *                  a callback token made with priming's dummy key)
     * @param succeeded whether the handler's answer is the success priming meant to run
     */
    public static Function<Components, Runnable> of(Function<Components, ? extends RequestStreamHandler> handler,
                                                    String event, BiFunction<Components, String, String> completed,
                                                    Predicate<JsonNode> succeeded) {
        return inMemory -> {
            String text = new String(read(event), StandardCharsets.UTF_8);
            if (text.contains(CALLBACK_ID)) {
                text = text.replace(CALLBACK_ID, seededCallbackId(inMemory));
            }
            String request = completed.apply(inMemory, text);
            // Built at the checkpoint: a handler's class names its own request, and a cold start must not pay for it.
            ObjectMapper json = inMemory.json();
            RequestStreamHandler primed = handler.apply(inMemory);
            AtomicInteger served = new AtomicInteger();
            return () -> {
                // Each request under an Idempotency-Key of its own, as a client sends its first: the key is claimed,
                // the request served and its answer kept, not an earlier answer replayed.
                byte[] bytes = request.replace(IDEMPOTENCY_KEY, "priming-" + served.incrementAndGet())
                        .getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                try {
                    primed.handleRequest(new ByteArrayInputStream(bytes), answer, null);
                    if (!succeeded.test(json.readTree(answer.toByteArray()))) {
                        throw new IllegalStateException("the priming event " + event + " was not served: " + answer);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        };
    }

    private static byte[] read(String event) {
        try (InputStream in = OwnRequests.class.getResourceAsStream("/priming/" + event)) {
            if (in == null) {
                throw new IllegalStateException("no priming event " + event);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
