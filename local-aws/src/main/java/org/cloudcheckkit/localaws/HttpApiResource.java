package org.cloudcheckkit.localaws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::HttpApi} with {@code Globals.HttpApi} applied, or the implicit {@code ServerlessHttpApi}
 * SAM makes for HttpApi events that name no ApiId.
 */
public record HttpApiResource(String logicalId, Map<String, Authorizer> authorizers, Optional<String> defaultAuthorizer,
                              Map<String, Object> properties) {

    /** The logical id SAM gives the API it creates for HttpApi events without an ApiId. */
    public static final String IMPLICIT_API_ID = "ServerlessHttpApi";

    public HttpApiResource {
        authorizers = Map.copyOf(authorizers);
    }

    /** One entry of {@code Auth.Authorizers}: a JWT authorizer, or a Lambda authorizer when it has a FunctionArn. */
    public record Authorizer(String name, Map<String, Object> properties) {

        public Optional<Object> functionArn() {
            return Optional.ofNullable(properties.get("FunctionArn"));
        }
    }

    static HttpApiResource read(String logicalId, PropertyMap properties) {
        PropertyMap auth = properties.mapOrEmpty("Auth");
        PropertyMap declared = auth.mapOrEmpty("Authorizers");
        Map<String, Authorizer> authorizers = new LinkedHashMap<>();
        declared.values().forEach((name, definition) ->
                authorizers.put(name, new Authorizer(name, PropertyMap.at(declared.pathOf(name), definition).values())));
        Optional<String> defaultAuthorizer = auth.optionalString("DefaultAuthorizer");
        if (defaultAuthorizer.isPresent() && !authorizers.containsKey(defaultAuthorizer.get())) {
            throw new TemplateException(auth.pathOf("DefaultAuthorizer") + " names " + defaultAuthorizer.get()
                    + ", which is not in Auth.Authorizers");
        }
        return new HttpApiResource(logicalId, authorizers, defaultAuthorizer, properties.values());
    }
}
