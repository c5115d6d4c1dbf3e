package org.cloudcheckkit.localaws;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to deploy the template locally: the stack name (a prefix of every generated name), parameter values that
 * replace the template's defaults, and what each secret holds.
 */
public record StackOptions(String stackName, Map<String, String> parameterOverrides, SecretSeeds secretSeeds) {

    public static final String DEFAULT_STACK_NAME = "cloudcheck-local";

    /** CloudFormation's rule for stack names, which keeps every generated resource name valid. */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,127}");

    public StackOptions {
        if (!STACK_NAME.matcher(stackName).matches()) {
            throw new IllegalArgumentException("Stack name " + stackName + " must match " + STACK_NAME);
        }
        parameterOverrides = Map.copyOf(parameterOverrides);
    }

    /** Stack {@value #DEFAULT_STACK_NAME}, the template's defaults, secrets seeded from {@code environment}. */
    public static StackOptions defaults(Map<String, String> environment) {
        return new StackOptions(DEFAULT_STACK_NAME, Map.of(), SecretSeeds.fromEnvironment(environment));
    }

    public StackOptions withStackName(String name) {
        return new StackOptions(name, parameterOverrides, secretSeeds);
    }

    public StackOptions withParameter(String name, String value) {
        Map<String, String> overrides = new HashMap<>(parameterOverrides);
        overrides.put(name, value);
        return new StackOptions(stackName, overrides, secretSeeds);
    }

    public StackOptions withSecretSeeds(SecretSeeds seeds) {
        return new StackOptions(stackName, parameterOverrides, seeds);
    }
}
