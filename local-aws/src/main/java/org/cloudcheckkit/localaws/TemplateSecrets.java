package org.cloudcheckkit.localaws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The template's secrets, each holding its seed as JSON ({@link SecretSeeds}): those it makes
 * ({@code AWS::SecretsManager::Secret}, named {@code <stack>-<logicalId>} unless they have a Name, and whose Ref is
 * their ARN), and those whose names it takes as parameters ending in {@value #PARAMETER_SUFFIX}, made here under the
 * parameter's value. Where CloudFormation would generate a value, the seed stands in. A secret that exists already (an
 * emulator that outlives runs) keeps what it holds but the fields the seeds give explicitly ({@link SecretSeeds#keeping}).
 */
final class TemplateSecrets implements ResourceCreator {

    static final String TYPE = "AWS::SecretsManager::Secret";
    static final String PARAMETER_SUFFIX = "SecretId";

    private final SecretsManagerClient secretsManager;
    private final SecretSeeds seeds;
    private final String stackName;
    private final Map<String, SeededSecret> seeded = new LinkedHashMap<>();

    TemplateSecrets(SecretsManagerClient secretsManager, SecretSeeds seeds, String stackName) {
        this.secretsManager = secretsManager;
        this.seeds = seeds;
        this.stackName = stackName;
    }

    @Override
    public LocalResource create(String logicalId, PropertyMap properties) {
        String name = properties.optionalString("Name").orElseGet(() -> PhysicalNames.secret(stackName, logicalId));
        seeded.put(logicalId, new SeededSecret(name, createOrKeep(name, logicalId)));
        String arn = secretsManager.describeSecret(request -> request.secretId(name)).arn();
        return new LocalResource(logicalId, TYPE, name, arn, Map.of("Id", arn));
    }

    /** Makes the secrets that parameters name, once the resources are made. */
    void seedParameters(StackTemplate template, IntrinsicResolver resolver) {
        for (String parameter : template.parameters().keySet()) {
            if (parameter.endsWith(PARAMETER_SUFFIX)) {
                String name = resolver.parameterValue(parameter);
                seeded.put(parameter, new SeededSecret(name, createOrKeep(name, parameter)));
            }
        }
    }

    /** The secrets as they are now, by parameter name or logical id. */
    Map<String, SeededSecret> seeded() {
        return Collections.unmodifiableMap(seeded);
    }

    /** Creates the secret from its seed or, when it exists, keeps it as {@link SecretSeeds#keeping} says; returns what it holds. */
    private Map<String, String> createOrKeep(String name, String templateName) {
        Map<String, String> fields = seeds.fieldsFor(templateName).orElseThrow(() -> new TemplateException(templateName
                + " is a secret of the template, but no seed says what it holds: add one to SecretSeeds"));
        try {
            secretsManager.createSecret(request -> request.name(name).secretString(Json.write(fields)));
            return fields;
        } catch (ResourceExistsException exists) {
            Map<String, String> stored = Json.readFields(
                    secretsManager.getSecretValue(request -> request.secretId(name)).secretString(), "Secret " + name);
            Map<String, String> kept = seeds.keeping(templateName, stored);
            if (!kept.equals(stored)) {
                secretsManager.putSecretValue(request -> request.secretId(name).secretString(Json.write(kept)));
            }
            return kept;
        }
    }

    /** A secret's name and fields. */
    record SeededSecret(String name, Map<String, String> fields) {

        /** Names the secret only: its fields are secret. */
        @Override
        public String toString() {
            return "SeededSecret[" + name + "]";
        }
    }
}
