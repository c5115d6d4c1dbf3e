package org.cloudcheckkit.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document as a judge of answers: an answer is in contract when its route, status, headers and body
 * are the ones the document describes for that route. The handler tests and the end-to-end tests hand every answer
 * they receive to {@link #check}, so the document cannot say one thing while the code answers another.
 *
 * <p>Schemas are checked with OpenAPI 3.1's dialect of JSON Schema (draft 2020-12), formats such as
 * {@code date-time} included.
 */
public final class ApiContract {
    /** The document's name while it is checked: any IRI will do, the document is never fetched from it. */
    private static final String DOCUMENT_IRI = "https://contract.cloudcheckkit.org/openapi.json";
    /** Every schema the checks use, copied under one array so that each has a JSON pointer without path escapes. */
    private static final String CHECKED_SCHEMAS = "x-checked-schemas";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final List<Operation> operations;
    private final Map<JsonNode, Integer> schemaIndex;
    private final SchemaRegistry registry;
    private final Map<Integer, Schema> schemas = new HashMap<>();

    private ApiContract(JsonNode document) {
        this.document = document;
        this.operations = operations(document);
        this.schemaIndex = new HashMap<>();
        ObjectNode checked = document.deepCopy();
        ArrayNode copies = checked.putArray(CHECKED_SCHEMAS);
        for (Operation operation : operations) {
            for (JsonNode schema : schemasOf(operation.node())) {
                schemaIndex.computeIfAbsent(schema, copy -> {
                    copies.add(copy);
                    return copies.size() - 1;
                });
            }
        }
        String text;
        try {
            text = JSON.writeValueAsString(checked);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        this.registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, text)));
    }

    /** Reads an OpenAPI document (YAML or JSON). */
    public static ApiContract load(Path document) {
        try {
            return new ApiContract(YAML.readTree(Files.readString(document)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + document.toAbsolutePath(), e);
        }
    }

    /** The repository's {@code openapi.yaml}, found from the working directory (a module's, or the root). */
    public static ApiContract ofRepository() {
        return load(repositoryDocument());
    }

    /** Where the repository's {@code openapi.yaml} is, from the working directory or one above it. */
    public static Path repositoryDocument() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("openapi.yaml");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No openapi.yaml beside a template.yaml at or above " + here);
    }

    /** Every operation as {@code METHOD /path/{template}}. */
    public Set<String> routes() {
        Set<String> routes = new LinkedHashSet<>();
        operations.forEach(operation -> routes.add(operation.route()));
        return routes;
    }

    /** Whether the document has an operation for the method and path (as called, or as a template). */
    public boolean serves(String method, String path) {
        int query = path.indexOf('?');
        return operation(method.toUpperCase(Locale.ROOT), query < 0 ? path : path.substring(0, query)).isPresent();
    }

    /** The parsed document, for tests that check what it declares. */
    public JsonNode document() {
        return document;
    }

    /** Fails with every way the answer departs from the document. */
    public void check(Answer answer) {
        List<String> violations = violations(answer);
        if (!violations.isEmpty()) {
            throw new AssertionError(answer + ", which openapi.yaml does not allow:\n  - "
                    + String.join("\n  - ", violations) + "\nbody: " + abbreviated(answer.body()));
        }
    }

    /** Every way the answer departs from the document; empty when it is in contract. */
    public List<String> violations(Answer answer) {
        Optional<Operation> found = operation(answer.method(), answer.path());
        if (found.isEmpty()) {
            return List.of("no operation " + answer.method() + " " + answer.path());
        }
        Operation operation = found.get();
        Optional<JsonNode> declared = response(operation.node(), answer.status());
        if (declared.isEmpty()) {
            return List.of(operation.route() + " lists no response " + answer.status() + " (nor "
                    + answer.status() / 100 + "XX, nor default)");
        }
        JsonNode response = declared.get();
        List<String> violations = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(header -> {
            JsonNode spec = resolve(header.getValue());
            if (spec.path("required").asBoolean(false) && answer.header(header.getKey()).isEmpty()) {
                violations.add("header " + header.getKey() + " is required");
            }
        });
        violations.addAll(bodyViolations("response " + answer.status(), response.path("content"), answer.mediaType(),
                answer.body()));
        return violations;
    }

    /** Every way a request body departs from the operation's {@code requestBody}; empty when it is in contract. */
    public List<String> requestViolations(String method, String path, String mediaType, String body) {
        Optional<Operation> found = operation(method.toUpperCase(Locale.ROOT), path);
        if (found.isEmpty()) {
            return List.of("no operation " + method + " " + path);
        }
        JsonNode requestBody = resolve(found.get().node().path("requestBody"));
        if (requestBody.isMissingNode()) {
            return body == null || body.isEmpty() ? List.of() : List.of(found.get().route() + " takes no body");
        }
        return bodyViolations("request body", requestBody.path("content"), Optional.ofNullable(mediaType), body);
    }

    private List<String> bodyViolations(String what, JsonNode content, Optional<String> mediaType, String body) {
        boolean empty = body == null || body.isEmpty();
        if (content.isMissingNode() || content.isEmpty()) {
            return empty ? List.of() : List.of(what + " declares no body, but one came: " + abbreviated(body));
        }
        if (empty) {
            return List.of(what + " declares a body (" + fieldNames(content) + "), but none came");
        }
        if (mediaType.isEmpty()) {
            return List.of(what + " came without a content-type");
        }
        JsonNode media = mediaEntry(content, mediaType.get());
        if (media == null) {
            return List.of(what + " came as " + mediaType.get() + ", not " + fieldNames(content));
        }
        JsonNode schema = media.get("schema");
        if (schema == null || !isJson(mediaType.get())) {
            return List.of();
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(what + " is not JSON: " + abbreviated(body));
        }
        List<String> violations = new ArrayList<>();
        for (Error error : schema(schema).validate(instance,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))) {
            violations.add(what + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return violations;
    }

    private Schema schema(JsonNode schema) {
        int index = schemaIndex.get(schema);
        return schemas.computeIfAbsent(index,
                at -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#/" + CHECKED_SCHEMAS + "/" + at)));
    }

    private Optional<Operation> operation(String method, String path) {
        return operations.stream()
                .filter(operation -> operation.method().equals(method))
                .filter(operation -> operation.template().equals(path) || operation.pattern().matcher(path).matches())
                // A literal segment beats a parameter: /go/requests/x/archive is the archive route, not a recipient.
                .min(Comparator.comparing((Operation operation) -> !operation.template().equals(path))
                        .thenComparingInt(Operation::parameters));
    }

    private Optional<JsonNode> response(JsonNode operation, int status) {
        JsonNode responses = operation.path("responses");
        for (String key : List.of(Integer.toString(status), status / 100 + "XX", "default")) {
            JsonNode response = responses.get(key);
            if (response != null) {
                return Optional.of(resolve(response));
            }
        }
        return Optional.empty();
    }

    private static JsonNode mediaEntry(JsonNode content, String mediaType) {
        JsonNode exact = content.get(mediaType);
        if (exact != null) {
            return exact;
        }
        JsonNode family = content.get(mediaType.split("/", 2)[0] + "/*");
        return family != null ? family : content.get("*/*");
    }

    /** Follows a local {@code $ref} (to components) until a node that is not one. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; current.has("$ref") && depth < 10; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("Only local references are followed: " + ref);
            }
            current = document.at(ref.substring(1));
        }
        return current;
    }

    /** The schemas an operation's checks use: its request body's and each response's, by media type. */
    private List<JsonNode> schemasOf(JsonNode operation) {
        List<JsonNode> found = new ArrayList<>();
        List<JsonNode> bodies = new ArrayList<>();
        bodies.add(resolve(operation.path("requestBody")));
        operation.path("responses").forEach(response -> bodies.add(resolve(response)));
        for (JsonNode body : bodies) {
            body.path("content").forEach(media -> {
                if (media.has("schema")) {
                    found.add(media.get("schema"));
                }
            });
        }
        return found;
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode node = path.getValue().get(method);
                if (node != null) {
                    operations.add(Operation.of(method.toUpperCase(Locale.ROOT), path.getKey(), node));
                }
            }
        }
        return List.copyOf(operations);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String abbreviated(String body) {
        return body.length() <= 600 ? body : body.substring(0, 600) + "...";
    }

    private record Operation(String method, String template, Pattern pattern, int parameters, JsonNode node) {
        static Operation of(String method, String template, JsonNode node) {
            String[] segments = template.split("/", -1);
            StringBuilder regex = new StringBuilder();
            int parameters = 0;
            for (int i = 0; i < segments.length; i++) {
                if (i > 0) {
                    regex.append('/');
                }
                if (segments[i].startsWith("{") && segments[i].endsWith("}")) {
                    regex.append("[^/]+");
                    parameters++;
                } else {
                    regex.append(Pattern.quote(segments[i]));
                }
            }
            return new Operation(method, template, Pattern.compile(regex.toString()), parameters, node);
        }

        String route() {
            return method + " " + template;
        }
    }
}
