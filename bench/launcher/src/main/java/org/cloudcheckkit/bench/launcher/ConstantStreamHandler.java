package org.cloudcheckkit.bench.launcher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The floor of a stream-handler function: the same JVM and the same raw event, a handler that answers constant bytes
 * without reading them. The least any Java function can do.
 */
public final class ConstantStreamHandler implements RequestStreamHandler {
    private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(ANSWER);
    }
}
