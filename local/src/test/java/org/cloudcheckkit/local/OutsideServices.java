package org.cloudcheckkit.local;

import java.net.URI;
import java.util.Map;
import org.cloudcheckkit.localaws.AwsEmulator;
import org.cloudcheckkit.localaws.EmulatorOptions;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.SandboxConfig;

/**
 * A moto_server and a Cloudcheck sandbox that a test starts outside ./run and gives to it, as a user gives LocalStack
 * and another Cloudcheck: they, and what they hold, outlive any number of ./run processes, stopped or killed.
 *
 * <pre>{@code
 * try (OutsideServices outside = OutsideServices.start()) {
 *     Map<String, String> settings = outside.givenTo(RunProcess.freePorts());
 *     ... RunProcess.start(settings, ...) ... outside.cloudcheck().successfulCalls("/go/create/") ...
 * }
 * }</pre>
 */
final class OutsideServices implements AutoCloseable {

    /** Given, not random: the sandbox must know it before ./run starts. */
    static final String WEBHOOK_TOKEN = "outside-webhook-token";

    private final AwsEmulator aws;
    private final CloudcheckSandbox cloudcheck;

    private OutsideServices(AwsEmulator aws, CloudcheckSandbox cloudcheck) {
        this.aws = aws;
        this.cloudcheck = cloudcheck;
    }

    static OutsideServices start() {
        AwsEmulator aws = AwsEmulator.start(EmulatorOptions.defaults().withMotoCommand(motoCommand()));
        try {
            return new OutsideServices(aws, CloudcheckSandbox.start());
        } catch (RuntimeException e) {
            aws.close();
            throw e;
        }
    }

    /** The moto_server MOTO_SERVER names, as ./run would use. */
    static String motoCommand() {
        String configured = System.getenv("MOTO_SERVER");
        return configured == null || configured.isBlank() ? "moto_server" : configured;
    }

    AwsEmulator aws() {
        return aws;
    }

    CloudcheckSandbox cloudcheck() {
        return cloudcheck;
    }

    /**
     * {@code settings} with these services given (AWS_ENDPOINT_URL, CLOUDCHECK_BASE_URL and the sandbox's keys for
     * every service); the sandbox, as your Cloudcheck account would, sends its account webhooks to the API on the
     * LOCAL_API_PORT they name.
     */
    Map<String, String> givenTo(Map<String, String> settings) {
        settings.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        settings.put("CLOUDCHECK_BASE_URL", cloudcheck.baseUrl());
        settings.put("CLOUDCHECK_API_KEY", SandboxConfig.ALL_SERVICES_KEY);
        settings.put("CLOUDCHECK_API_SECRET", SandboxConfig.ALL_SERVICES_SECRET);
        settings.put("CALLBACK_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        cloudcheck.accountWebhookUrl(URI.create("http://127.0.0.1:" + settings.get("LOCAL_API_PORT") + "/webhooks/cloudcheck?t=" + WEBHOOK_TOKEN));
        return settings;
    }

    @Override
    public void close() {
        cloudcheck.close();
        aws.close();
    }
}
