package org.cloudcheckkit.local;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local stack for the whole end-to-end run, on free ports with its own moto_server: started before the first
 * test class that asks for it, kept in the root store, and closed by JUnit when the run ends. Test methods receive it
 * as a {@link LocalStack} parameter.
 */
final class SharedLocalStack implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedLocalStack.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    /** JUnit closes AutoCloseable values of the root store at the end of the run. */
    private static LocalStack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.start(settings()), LocalStack.class);
    }

    /** A front end run on the developer's machine, allowed as docs/local.md ("Timeouts, retries and CORS") shows. */
    static final String FRONT_END_ORIGIN = "http://localhost:5173";

    /**
     * Free ports and the documented defaults, with {@link #FRONT_END_ORIGIN} allowed. Of the developer's environment
     * only MOTO_SERVER is taken: the tests always use a moto_server of their own and the sandbox, whatever
     * AWS_ENDPOINT_URL or CLOUDCHECK_BASE_URL say.
     */
    private static LocalStackSettings settings() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PARAMETER_OVERRIDES", "CorsAllowedOrigins=" + FRONT_END_ORIGIN);
        String moto = System.getenv("MOTO_SERVER");
        if (moto != null) {
            environment.put("MOTO_SERVER", moto);
        }
        return LocalStackSettings.onFreePorts(environment);
    }
}
