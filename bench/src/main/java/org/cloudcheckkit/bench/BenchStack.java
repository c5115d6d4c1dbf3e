package org.cloudcheckkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.localaws.AwsEmulator;
import org.cloudcheckkit.localaws.EmulatorOptions;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.SecretSeeds;
import org.cloudcheckkit.localaws.StackDeployer;
import org.cloudcheckkit.localaws.StackOptions;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.SandboxConfig;

/**
 * What the benchmarks run against: moto on a free port with template.yaml deployed in it, and the Cloudcheck
 * sandbox, with credentials that have every service so that Akahu works too.
 */
final class BenchStack implements AutoCloseable {
    final Path projectRoot;
    final AwsEmulator emulator;
    final LocalAws aws;
    final CloudcheckSandbox sandbox;

    private BenchStack(Path projectRoot, AwsEmulator emulator, LocalAws aws, CloudcheckSandbox sandbox) {
        this.projectRoot = projectRoot;
        this.emulator = emulator;
        this.aws = aws;
        this.sandbox = sandbox;
    }

    static BenchStack start(Path projectRoot) {
        AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.defaults());
        StackTemplate template = StackTemplate.read(projectRoot.resolve("template.yaml"));
        SecretSeeds seeds = SecretSeeds.fromEnvironment(Map.of())
                .with("CloudcheckSecretId", Map.of("apiKey", SandboxConfig.ALL_SERVICES_KEY,
                        "apiSecret", SandboxConfig.ALL_SERVICES_SECRET));
        LocalAws aws = StackDeployer.deploy(emulator, template, StackOptions.defaults(Map.of()).withSecretSeeds(seeds));
        CloudcheckSandbox sandbox = CloudcheckSandbox.start(SandboxConfig.builder().port(0).build());
        return new BenchStack(projectRoot, emulator, aws, sandbox);
    }

    /** A function's environment as Lambda gives it, pointed at moto and the sandbox. */
    Map<String, String> environment(String functionId) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("CLOUDCHECK_BASE_URL", sandbox.baseUrl());
        overrides.put("CALLBACK_BASE_URL", "http://127.0.0.1:9");
        return aws.functionEnvironment(functionId, overrides);
    }

    Components components(String functionId) {
        return Components.fromEnvironment(environment(functionId));
    }

    static Path findProjectRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("template.yaml")) && Files.isDirectory(directory.resolve("events"))) {
                return directory;
            }
        }
        throw new IllegalStateException("run from inside the project: no template.yaml above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        sandbox.close();
        aws.close();
        emulator.close();
    }
}
