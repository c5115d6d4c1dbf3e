package org.cloudcheckkit.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS that SnapStart priming serves a function's own requests against: every request is answered at once, in
 * this process, with status 200 and an empty JSON object - to DynamoDB an item not found or a write done, to Secrets
 * Manager a secret without a value (so no Cloudcheck credentials exist, and no Cloudcheck call can be signed). Nothing
 * leaves the process: priming through it has no side effect and puts no secret in the snapshot.
 */
final class InMemoryAws implements SdkHttpClient {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    /** How many requests it answered: tests check that priming served its requests here. */
    private int answered;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // Read the request as a real client sends it: the SDK's marshalled body streams through this.
                Optional<ContentStreamProvider> body = request.contentStreamProvider();
                if (body.isPresent()) {
                    try (InputStream in = body.get().newStream()) {
                        in.transferTo(OutputStream.nullOutputStream());
                    }
                }
                synchronized (InMemoryAws.this) {
                    answered++;
                }
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(EMPTY_OBJECT.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_OBJECT)))
                        .build();
            }

            @Override
            public void abort() {
                // Answered at once; nothing to abort.
            }
        };
    }

    synchronized int answered() {
        return answered;
    }

    @Override
    public String clientName() {
        return "InMemory";
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
