package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.cloudcheckkit.config.Components;

/**
 * A function's own request for SnapStart priming ({@link Components#fromEnvironment(java.util.Map, Function)}): the
 * function's handler, built over the components priming gives it (the same function over an in-memory AWS), answers
 * a synthetic event as Lambda hands it over, bytes in and bytes out.
 */
public final class OwnRequests {

    private OwnRequests() {
    }

    public static Function<Components, Runnable> of(Function<Components, ? extends RequestStreamHandler> handler,
                                                    String event) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        return inMemory -> {
            RequestStreamHandler primed = handler.apply(inMemory);
            return () -> {
                try {
                    primed.handleRequest(new ByteArrayInputStream(bytes), OutputStream.nullOutputStream(), null);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        };
    }
}
