package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml (beside template.yaml) describes exactly the routes template.yaml deploys: the same method and path
 * template for each, an operationId and a success answer for each, and the authorizer as the template sets it -
 * {@code security: []} on the open routes ({@code Auth: Authorizer: NONE}), the document's bearer JWT on the others.
 */
class OpenApiRoutesTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final String BEARER_SCHEME = "bearerAuth";

    private static Map<String, HttpRoute> routes;
    private static JsonNode document;
    private static Map<String, JsonNode> operations;

    @BeforeAll
    static void readTemplateAndDocument() {
        Path template = TemplateLocation.find(Optional.empty(), Path.of(""));
        routes = new TreeMap<>();
        RouteTable.from(StackTemplate.read(template), authorizer -> Map.of()).routes()
                .forEach(route -> routes.put(route.routeKey(), route));
        Path openApi = template.resolveSibling("openapi.yaml");
        try {
            document = new YAMLMapper().readTree(openApi.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + openApi, e);
        }
        operations = operations(document);
    }

    @Test
    void everyRouteOfTheTemplateIsAnOperationOfTheDocument() {
        Set<String> missing = new TreeSet<>(routes.keySet());
        missing.removeAll(operations.keySet());

        assertTrue(missing.isEmpty(), "routes of template.yaml that openapi.yaml does not describe: " + missing);
    }

    @Test
    void everyOperationOfTheDocumentIsARouteOfTheTemplate() {
        Set<String> extra = new TreeSet<>(operations.keySet());
        extra.removeAll(routes.keySet());

        assertTrue(extra.isEmpty(), "operations of openapi.yaml that template.yaml has no route for: " + extra);
    }

    @Test
    void everyOperationHasItsOwnOperationIdAndASuccessAnswer() {
        List<String> problems = new ArrayList<>();
        Map<String, String> operationIds = new HashMap<>();
        operations.forEach((route, operation) -> {
            String operationId = operation.path("operationId").asText("");
            if (operationId.isBlank()) {
                problems.add(route + " has no operationId");
            } else {
                String other = operationIds.putIfAbsent(operationId, route);
                if (other != null) {
                    problems.add(route + " has the operationId of " + other + ": " + operationId);
                }
            }
            boolean success = false;
            for (String status : fieldNames(operation.path("responses"))) {
                success |= status.length() == 3 && status.startsWith("2");
            }
            if (!success) {
                problems.add(route + " has no 2xx response");
            }
        });

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void openRoutesHaveNoSecurityAndTheOthersInheritTheBearerJwt() {
        JsonNode scheme = document.path("components").path("securitySchemes").path(BEARER_SCHEME);
        assertEquals("http", scheme.path("type").asText(), "components.securitySchemes." + BEARER_SCHEME + ".type");
        assertEquals("bearer", scheme.path("scheme").asText().toLowerCase(Locale.ROOT));
        assertEquals("JWT", scheme.path("bearerFormat").asText());
        JsonNode global = document.path("security");
        assertTrue(global.isArray() && global.size() == 1 && global.get(0).has(BEARER_SCHEME) && global.get(0).size() == 1,
                "the document's security is the bearer JWT alone, so that operations inherit it: " + global);

        List<String> problems = new ArrayList<>();
        routes.forEach((key, route) -> {
            JsonNode operation = operations.get(key);
            if (operation == null) {
                return; // reported by everyRouteOfTheTemplateIsAnOperationOfTheDocument
            }
            JsonNode security = operation.get("security");
            if (route.authorizer().isEmpty()) {
                if (security == null || !security.isArray() || !security.isEmpty()) {
                    problems.add(key + " is open in template.yaml (Authorizer: NONE), so it needs security: [] - it has "
                            + security);
                }
            } else if (security != null) {
                problems.add(key + " takes the JWT authorizer in template.yaml, so it inherits the document's security;"
                        + " it declares its own: " + security);
            }
        });

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyPathParameterOfARouteIsDeclaredAndNoOther() {
        List<String> problems = new ArrayList<>();
        operations.forEach((key, operation) -> {
            String path = key.substring(key.indexOf(' ') + 1);
            Set<String> inPath = new LinkedHashSet<>();
            Matcher parameter = PATH_PARAMETER.matcher(path);
            while (parameter.find()) {
                inPath.add(parameter.group(1));
            }
            Set<String> declared = new LinkedHashSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            document.path("paths").path(path).path("parameters").forEach(parameters::add);
            operation.path("parameters").forEach(parameters::add);
            for (JsonNode declaration : parameters) {
                JsonNode resolved = resolve(declaration);
                if ("path".equals(resolved.path("in").asText())) {
                    declared.add(resolved.path("name").asText());
                    if (!resolved.path("required").asBoolean(false)) {
                        problems.add(key + ": path parameter " + resolved.path("name").asText() + " must be required: true");
                    }
                }
            }
            if (!declared.equals(inPath)) {
                problems.add(key + " declares path parameters " + declared + "; its path has " + inPath);
            }
        });

        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Every operation of the document, keyed as template.yaml keys routes: {@code POST /go/requests}. */
    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> found = new TreeMap<>();
        for (String path : fieldNames(document.path("paths"))) {
            JsonNode item = document.path("paths").path(path);
            for (String method : fieldNames(item)) {
                if (HTTP_METHODS.contains(method)) {
                    found.put(method.toUpperCase(Locale.ROOT) + " " + path, item.get(method));
                }
            }
        }
        return found;
    }

    /** A local {@code $ref} ({@code #/components/parameters/GoApiReference}) followed to what it names. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 10; depth++) {
            String reference = current.get("$ref").asText();
            assertTrue(reference.startsWith("#/"), "only local references are expected: " + reference);
            current = document.at(reference.substring(1));
            assertTrue(!current.isMissingNode(), "the reference " + reference + " names nothing");
        }
        return current;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
