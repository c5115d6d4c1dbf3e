package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLStreamHandler;
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
        this(settings, signer, credentials, jitter, sleeper, metrics, CloudcheckJson.newMapper(), null);
    }

    /**
     * As the other constructor, reading and writing with {@code json} (a {@link CloudcheckJson} mapper: the function's
     * one, whose serializers SnapStart priming has built), and with the calls' connections opened by {@code
     * connections} instead of the network: priming's in-memory Cloudcheck. Null is the network.
     */
    public CloudcheckClient(ClientSettings settings, RequestSigner signer, CredentialsSource credentials,
                            RandomGenerator jitter, Sleeper sleeper, Metrics metrics, ObjectMapper json,
                            URLStreamHandler connections) {
        CloudcheckCalls calls = new CloudcheckCalls(settings, signer, credentials, jitter, sleeper, json, metrics,
                connections);
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
