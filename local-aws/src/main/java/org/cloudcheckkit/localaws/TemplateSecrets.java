package org.cloudcheckkit.localaws;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/**
 * The template does not create its secrets: it takes their names as parameters ending in {@value #PARAMETER_SUFFIX}.
 * Locally each such secret is created under the parameter's value, holding its seed as JSON; a secret left from an
 * earlier run gets the seed as its new value.
 */
final class TemplateSecrets {

    static final String PARAMETER_SUFFIX = "SecretId";

    private TemplateSecrets() {
    }

    /** The seeded secrets by parameter name. */
    static Map<String, SeededSecret> seed(SecretsManagerClient secretsManager, StackTemplate template,
                                          IntrinsicResolver resolver, SecretSeeds seeds) {
        Map<String, SeededSecret> seeded = new LinkedHashMap<>();
        for (String parameter : template.parameters().keySet()) {
            if (!parameter.endsWith(PARAMETER_SUFFIX)) {
                continue;
            }
            Map<String, String> fields = seeds.fieldsFor(parameter).orElseThrow(() -> new TemplateException("Parameter "
                    + parameter + " names a secret, but no seed says what it holds: add one to SecretSeeds"));
            String name = resolver.parameterValue(parameter);
            String value = Json.write(fields);
            try {
                secretsManager.createSecret(request -> request.name(name).secretString(value));
            } catch (ResourceExistsException leftFromEarlierRun) {
                secretsManager.putSecretValue(request -> request.secretId(name).secretString(value));
            }
            seeded.put(parameter, new SeededSecret(name, fields));
        }
        return seeded;
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
