package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.random.RandomGenerator;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.signing.RequestSigner;

/**
 * The typed Cloudcheck client: {@link #go()} for the Go API, {@link #akahu()} for Akahu. Thread-safe; build one per
 * function and keep it. Every method takes a {@link Deadline} that bounds its retries; {@code jitter} draws the waits
 * between them and {@code sleeper} waits them out; {@code metrics} counts Cloudcheck's error answers and the calls whose
 * outcome is unknown.
 */
public final class CloudcheckClient {
    private final GoApi go;
    private final AkahuApi akahu;

    public CloudcheckClient(ClientSettings settings, RequestSigner signer, CredentialsSource credentials,
                            RandomGenerator jitter, Sleeper sleeper, Metrics metrics) {
        ObjectMapper json = CloudcheckJson.newMapper();
        CloudcheckCalls calls = new CloudcheckCalls(settings, signer, credentials, jitter, sleeper, json, metrics);
        this.go = new GoApi(calls);
        this.akahu = new AkahuApi(calls);
    }

    public GoApi go() {
        return go;
    }

    public AkahuApi akahu() {
        return akahu;
    }
}
