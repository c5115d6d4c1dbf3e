package org.cloudcheckkit.sandbox;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a sandbox in-process for a test class:
 * <pre>{@code
 * @RegisterExtension
 * static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();
 * }</pre>
 * It starts on a free port before the class's first test, is reset before each test (unless
 * {@link #resetBeforeEach(boolean)} says otherwise) and stops after the last. Test methods and constructors can
 * take a {@link CloudcheckSandbox} parameter.
 */
public final class CloudcheckSandboxExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private final SandboxConfig config;
    private final boolean resetBeforeEach;
    private CloudcheckSandbox sandbox;
    /** The context that started the sandbox: nested classes see the same extension and must not stop it. */
    private String startedBy;

    private CloudcheckSandboxExtension(SandboxConfig config, boolean resetBeforeEach) {
        this.config = config;
        this.resetBeforeEach = resetBeforeEach;
    }

    public static CloudcheckSandboxExtension withDefaults() {
        return withConfig(SandboxConfig.defaults());
    }

    public static CloudcheckSandboxExtension withConfig(SandboxConfig config) {
        return new CloudcheckSandboxExtension(config, true);
    }

    /** Whether to {@link CloudcheckSandbox#reset()} before each test; default true. */
    public CloudcheckSandboxExtension resetBeforeEach(boolean reset) {
        return new CloudcheckSandboxExtension(config, reset);
    }

    public CloudcheckSandbox sandbox() {
        if (sandbox == null) {
            throw new IllegalStateException("The sandbox runs only while the test class does");
        }
        return sandbox;
    }

    public String baseUrl() {
        return sandbox().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (sandbox == null) {
            sandbox = CloudcheckSandbox.start(config);
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            sandbox.close();
            sandbox = null;
            startedBy = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (sandbox == null) {
            throw new ExtensionConfigurationException(
                    "Register CloudcheckSandboxExtension on a static field, so it starts before all tests");
        }
        if (resetBeforeEach) {
            sandbox.reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CloudcheckSandbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sandbox();
    }
}
