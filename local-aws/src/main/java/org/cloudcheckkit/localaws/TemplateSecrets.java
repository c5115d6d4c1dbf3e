package org.cloudcheckkit.localaws;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The template does not create its secrets: it takes their names as parameters ending in {@value #PARAMETER_SUFFIX}.
 * Locally each such secret is created under the parameter's value, holding its seed as JSON. A secret that exists
 * already (an emulator that outlives runs) keeps what it holds but the fields the seeds give explicitly
 * ({@link SecretSeeds#keeping}).
 */
final class TemplateSecrets {

    static final String PARAMETER_SUFFIX = "SecretId";

    private TemplateSecrets() {
    }

    /** The secrets as they are now, by parameter name. */
    static Map<String, SeededSecret> seed(SecretsManagerClient secretsManager, StackTemplate template,
                                          IntrinsicResolver resolver, SecretSeeds seeds) {
        Map<String, SeededSecret> seeded = new LinkedHashMap<>();
        for (String parameter : template.parameters().keySet()) {
            if (!parameter.endsWith(PARAMETER_SUFFIX)) {
                continue;
            }
            String name = resolver.parameterValue(parameter);
            seeded.put(parameter, new SeededSecret(name, createOrKeep(secretsManager, name, parameter, seeds)));
        }
        return seeded;
    }

    /** Creates the secret from its seed or, when it exists, keeps it as {@link SecretSeeds#keeping} says; returns what it holds. */
    private static Map<String, String> createOrKeep(SecretsManagerClient secretsManager, String name, String parameter, SecretSeeds seeds) {
        Map<String, String> fields = seeds.fieldsFor(parameter).orElseThrow(() -> new TemplateException("Parameter "
                + parameter + " names a secret, but no seed says what it holds: add one to SecretSeeds"));
        try {
            secretsManager.createSecret(request -> request.name(name).secretString(Json.write(fields)));
            return fields;
        } catch (ResourceExistsException exists) {
            Map<String, String> stored = Json.readFields(
                    secretsManager.getSecretValue(request -> request.secretId(name)).secretString(), "Secret " + name);
            Map<String, String> kept = seeds.keeping(parameter, stored);
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
