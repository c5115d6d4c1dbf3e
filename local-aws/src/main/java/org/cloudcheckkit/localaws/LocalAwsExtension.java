package org.cloudcheckkit.localaws;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class the template's resources in an AWS emulator, and injects {@link LocalAws} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalAwsExtension aws = LocalAwsExtension.fromTemplate();
 *
 * @Test
 * void storesARecipient(LocalAws aws) {
 *     aws.dynamoDb().putItem(r -> r.tableName(aws.physicalName("Table")).item(...));
 * }
 * }</pre>
 *
 * One moto_server serves every test class of the run: started on first use and stopped when the run ends (or the JVM
 * exits). Before each test class it is reset and the template deployed anew, so every class starts from empty
 * resources. An emulator {@code AWS_ENDPOINT_URL} names is never used: it cannot be reset, and deploying never empties
 * what it holds. Nested classes share their enclosing class's deployment. Test classes that use it must not run in
 * parallel.
 * Register it in a static field: an instance field registers it too late for a class-level deployment.
 */
public final class LocalAwsExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    private final Map<String, String> environment;
    private final Optional<String> configuredTemplate;
    private final StackOptions options;

    private LocalAwsExtension(Map<String, String> environment, Optional<String> configuredTemplate, StackOptions options) {
        this.environment = environment;
        this.configuredTemplate = configuredTemplate;
        this.options = options;
    }

    /**
     * Deploys the project's template.yaml (see {@link TemplateLocation}) with its defaults, secrets seeded from
     * the environment, into moto in the region {@code AWS_REGION} names (ap-southeast-2 when unset).
     */
    public static LocalAwsExtension fromTemplate() {
        return fromTemplate(System.getenv());
    }

    static LocalAwsExtension fromTemplate(Map<String, String> environment) {
        return new LocalAwsExtension(environment, Optional.ofNullable(System.getProperty(TemplateLocation.PROPERTY)),
                StackOptions.defaults(environment));
    }

    /** This extension with a template parameter set to {@code value} instead of its default. */
    public LocalAwsExtension withParameter(String name, String value) {
        return new LocalAwsExtension(environment, configuredTemplate, options.withParameter(name, value));
    }

    /** This extension with the secret that {@code parameterName} names holding {@code fields}. */
    public LocalAwsExtension withSecret(String parameterName, Map<String, String> fields) {
        return new LocalAwsExtension(environment, configuredTemplate,
                options.withSecretSeeds(options.secretSeeds().with(parameterName, fields)));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        deployment(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (extensionContext.getTestMethod().isEmpty()) {
            return deployment(extensionContext); // a per-class test instance is made before beforeAll runs
        }
        LocalAws deployed = extensionContext.getStore(NAMESPACE).get(LocalAws.class, LocalAws.class);
        if (deployed == null) {
            throw new ParameterResolutionException("No LocalAws was deployed for this class: register LocalAwsExtension "
                    + "in a static @RegisterExtension field, so that it deploys before all tests of the class");
        }
        return deployed;
    }

    /** Looks in enclosing classes' stores too: a nested class reuses its outer class's deployment. */
    private LocalAws deployment(ExtensionContext classContext) {
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(LocalAws.class, key -> deploy(classContext), LocalAws.class);
    }

    private LocalAws deploy(ExtensionContext classContext) {
        AwsEmulator emulator = classContext.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(AwsEmulator.class,
                key -> AwsEmulator.start(EmulatorOptions.defaults().withRegion(EmulatorOptions.fromEnvironment(environment).region())),
                AwsEmulator.class);
        emulator.reset();
        StackTemplate template = StackTemplate.read(TemplateLocation.find(configuredTemplate, Path.of("")));
        return StackDeployer.deploy(emulator, template, options);
    }
}
