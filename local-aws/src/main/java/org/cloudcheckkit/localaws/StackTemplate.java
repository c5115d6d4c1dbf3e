package org.cloudcheckkit.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM/CloudFormation template read into typed views. It is the one description of the stack: local resources
 * are made from it, never from a copy of its settings.
 */
public final class StackTemplate {

    public static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    public static final String SERVERLESS_HTTP_API = "AWS::Serverless::HttpApi";

    private final PropertyMap document;
    private final Map<String, TemplateParameter> parameters;
    private final Map<String, TemplateResource> resources;
    private final Map<String, ServerlessFunction> functions;
    private final Map<String, HttpApiResource> httpApis;

    private StackTemplate(Map<String, Object> document) {
        this.document = new PropertyMap("", document);
        this.parameters = readParameters(this.document.mapOrEmpty("Parameters"));
        this.resources = readResources(this.document.mapOrEmpty("Resources"));
        this.functions = readFunctions();
        this.httpApis = readHttpApis();
    }

    public static StackTemplate read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + file, e);
        }
    }

    /** Parses template text; {@code source} names it in error messages. */
    public static StackTemplate parse(String yaml, String source) {
        return new StackTemplate(CloudFormationYaml.load(yaml, source));
    }

    public Map<String, TemplateParameter> parameters() {
        return parameters;
    }

    /** The {@code Conditions} section, unevaluated. */
    public Map<String, Object> conditions() {
        return document.mapOrEmpty("Conditions").values();
    }

    public Map<String, Object> mappings() {
        return document.mapOrEmpty("Mappings").values();
    }

    /** One section of {@code Globals}, such as {@code "Function"} or {@code "HttpApi"}; empty when absent. */
    public Map<String, Object> globals(String section) {
        return document.mapOrEmpty("Globals").mapOrEmpty(section).values();
    }

    /** Every resource by logical id, in template order. */
    public Map<String, TemplateResource> resources() {
        return resources;
    }

    public List<TemplateResource> resourcesOfType(String type) {
        return resources.values().stream().filter(resource -> resource.type().equals(type)).toList();
    }

    public List<ServerlessFunction> functions() {
        return List.copyOf(functions.values());
    }

    public ServerlessFunction function(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId)).orElseThrow(() -> new IllegalArgumentException(
                "No " + SERVERLESS_FUNCTION + " named " + logicalId + " in the template; it has " + functions.keySet()));
    }

    /** The declared HTTP APIs, plus the implicit one when a function's HttpApi event names no ApiId. */
    public List<HttpApiResource> httpApis() {
        return List.copyOf(httpApis.values());
    }

    private static Map<String, TemplateParameter> readParameters(PropertyMap section) {
        Map<String, TemplateParameter> read = new LinkedHashMap<>();
        section.values().forEach((name, definition) ->
                read.put(name, TemplateParameter.read(name, PropertyMap.at(section.pathOf(name), definition))));
        return Collections.unmodifiableMap(read);
    }

    private static Map<String, TemplateResource> readResources(PropertyMap section) {
        if (section.values().isEmpty()) {
            throw new TemplateException("The template declares no Resources");
        }
        Map<String, TemplateResource> read = new LinkedHashMap<>();
        section.values().forEach((logicalId, definition) ->
                read.put(logicalId, TemplateResource.read(logicalId, PropertyMap.at(section.pathOf(logicalId), definition))));
        return Collections.unmodifiableMap(read);
    }

    private Map<String, ServerlessFunction> readFunctions() {
        Map<String, ServerlessFunction> read = new LinkedHashMap<>();
        for (TemplateResource resource : resourcesOfType(SERVERLESS_FUNCTION)) {
            read.put(resource.logicalId(), new ServerlessFunction(resource.logicalId(),
                    SamGlobals.merge(globals("Function"), resource.properties())));
        }
        return Collections.unmodifiableMap(read);
    }

    private Map<String, HttpApiResource> readHttpApis() {
        Map<String, HttpApiResource> read = new LinkedHashMap<>();
        for (TemplateResource resource : resourcesOfType(SERVERLESS_HTTP_API)) {
            read.put(resource.logicalId(), httpApi(resource.logicalId(), resource.properties()));
        }
        boolean implicitApiUsed = functions.values().stream()
                .flatMap(function -> function.events().stream())
                .anyMatch(event -> event instanceof FunctionEvent.HttpApi route && route.apiId().isEmpty());
        if (implicitApiUsed && !read.containsKey(HttpApiResource.IMPLICIT_API_ID)) {
            read.put(HttpApiResource.IMPLICIT_API_ID, httpApi(HttpApiResource.IMPLICIT_API_ID, Map.of()));
        }
        return Collections.unmodifiableMap(read);
    }

    private HttpApiResource httpApi(String logicalId, Map<String, Object> properties) {
        return HttpApiResource.read(logicalId, new PropertyMap("Resources." + logicalId + ".Properties (with Globals.HttpApi)",
                SamGlobals.merge(globals("HttpApi"), properties)));
    }

    @Override
    public String toString() {
        return "StackTemplate" + resources.keySet();
    }
}
