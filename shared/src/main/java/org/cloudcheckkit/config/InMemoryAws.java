package org.cloudcheckkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The AWS that SnapStart priming serves a function's own requests against, answered at once, in this process.
 * DynamoDB is a table of items in memory: what is put is found again, an update answers the item as it stands, a
 * query finds a partition's items, and conditions always hold. Secrets Manager serves one dummy secret that every
 * secret's parser accepts (so the services run on dummy credentials, never the real ones). S3 finds no object and
 * takes every put. Nothing leaves the process: priming through it has no side effect and puts no
 * secret in the snapshot.
 */
final class InMemoryAws implements SdkHttpClient {
    /** S3's answer to a put: its status and headers say it all. */
    private static final byte[] NO_BODY = new byte[0];
    /** Made up here: the fields of every secret a function reads, none of them a real value. */
    private static final String DUMMY_SECRET = "{\"apiKey\":\"priming\",\"apiSecret\":\"priming\","
            + "\"signingKey\":\"snapstart-priming-not-a-key\",\"webhookToken\":\"snapstart-priming\","
            + "\"endpointId\":\"priming\",\"controlKey\":\"00112233445566778899aabbccddeeff\","
            + "\"deviceHashKey\":\"snapstart-priming-not-a-key-of-any-deployment\"}";
    private static final String TARGET = "X-Amz-Target";
    /** A key condition's first clause, {@code name = :value}: the partition key's. */
    /** An update expression's SET or REMOVE clause, up to the next clause. */
    private static final Pattern UPDATE_CLAUSE = Pattern.compile("(SET|REMOVE|ADD|DELETE)\\s+(.*?)(?=\\s+(?:SET|REMOVE|ADD|DELETE)\\s|$)");
    private static final Pattern VALUE = Pattern.compile(":\\w+");
    /** A key condition's {@code begins_with(name, :value)}: the sort key's. */
    private static final Pattern SORT_PREFIX = Pattern.compile("begins_with\\(\\s*(#?\\w+)\\s*,\\s*(:\\w+)\\s*\\)");
    private static final Pattern PARTITION_CONDITION = Pattern.compile("^\\s*(#?\\w+)\\s*=\\s*(:\\w+)");

    private final ObjectMapper json = new ObjectMapper();
    /** DynamoDB's items by table and key. */
    private final Map<String, ObjectNode> items = new HashMap<>();
    /** How many requests it answered: tests check that priming served its requests here. */
    private int answered;

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                // Read the request as a real client sends it: the SDK's marshalled body streams through this.
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                Optional<ContentStreamProvider> content = request.contentStreamProvider();
                if (content.isPresent()) {
                    try (InputStream in = content.get().newStream()) {
                        in.transferTo(body);
                    }
                }
                byte[] answer = answer(request.httpRequest().firstMatchingHeader(TARGET).orElse(""), body.toByteArray());
                // S3 keeps nothing here: an object looked for is not found, so an archive writes and fetches it all.
                int status = request.httpRequest().method() == SdkHttpMethod.HEAD ? 404 : 200;
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("Content-Length", Integer.toString(answer.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer)))
                        .build();
            }

            @Override
            public void abort() {
                // Answered at once; nothing to abort.
            }
        };
    }

    private synchronized byte[] answer(String target, byte[] body) throws IOException {
        answered++;
        String operation = target.substring(target.indexOf('.') + 1);
        ObjectNode answer = json.createObjectNode();
        if (target.startsWith("secretsmanager.")) {
            // Every field Secrets Manager answers, so their parsers are primed too (CreatedDate: epoch seconds).
            answer.put("ARN", "arn:aws:secretsmanager:priming").put("Name", "priming").put("SecretString", DUMMY_SECRET)
                    .put("VersionId", "priming").put("CreatedDate", 1.767225600123E9);
            answer.putArray("VersionStages").add("AWSCURRENT");
        } else if (target.startsWith("DynamoDB_")) {
            ObjectNode request = (ObjectNode) json.readTree(body);
            dynamoDb(operation, request, answer);
            consumedCapacity(operation, request, answer);
        } else {
            return NO_BODY;
        }
        return json.writeValueAsBytes(answer);
    }

    private void dynamoDb(String operation, ObjectNode request, ObjectNode answer) {
        String table = request.path("TableName").asText();
        switch (operation) {
            case "GetItem" -> {
                ObjectNode item = items.get(key(table, request.path("Key")));
                if (item != null) {
                    answer.set("Item", item);
                }
            }
            case "PutItem" -> put(table, (ObjectNode) request.get("Item"));
            case "UpdateItem" -> answer.set("Attributes", update(table, request));
            case "DeleteItem" -> items.remove(key(table, request.path("Key")));
            case "Query" -> {
                // The partition key's condition (an index's too) picks the items, and a sort key's begins_with.
                ArrayNode found = answer.putArray("Items");
                String condition = request.path("KeyConditionExpression").asText();
                JsonNode names = request.path("ExpressionAttributeNames");
                JsonNode values = request.path("ExpressionAttributeValues");
                Matcher partition = PARTITION_CONDITION.matcher(condition);
                Matcher prefix = SORT_PREFIX.matcher(condition);
                boolean sorted = prefix.find();
                if (partition.find()) {
                    String attribute = names.path(partition.group(1)).asText(partition.group(1));
                    JsonNode value = values.path(partition.group(2));
                    items.forEach((key, item) -> {
                        if (key.startsWith(table + "|") && value.equals(item.get(attribute)) && (!sorted
                                || item.path(names.path(prefix.group(1)).asText(prefix.group(1))).path("S").asText()
                                        .startsWith(values.path(prefix.group(2)).path("S").asText()))) {
                            found.add(item);
                        }
                    });
                }
                answer.put("Count", found.size());
            }
            case "TransactWriteItems" -> {
                for (JsonNode write : request.path("TransactItems")) {
                    JsonNode put = write.get("Put");
                    if (put != null) {
                        put(put.path("TableName").asText(), (ObjectNode) put.get("Item"));
                    }
                }
            }
            default -> {
                // Anything else (a scan, a batch) finds nothing.
            }
        }
    }

    /**
     * The capacity an answer says it consumed, as emulators (moto, LocalStack) answer whether asked or not, and
     * DynamoDB when asked: its parsers are then primed for either.
     */
    private void consumedCapacity(String operation, ObjectNode request, ObjectNode answer) {
        ObjectNode capacity = json.createObjectNode().put("TableName", request.path("TableName").asText("priming"))
                .put("CapacityUnits", 1.0);
        capacity.putObject("Table").put("CapacityUnits", 1.0);
        if (operation.startsWith("Transact") || operation.startsWith("Batch")) {
            answer.putArray("ConsumedCapacity").add(capacity);
        } else {
            answer.set("ConsumedCapacity", capacity);
        }
    }

    /**
     * Creates the item if need be, as DynamoDB does, and applies the expression's SET of a value or of
     * {@code if_not_exists(name, :value)}, and its REMOVE; what else it says (ADD, arithmetic) is not applied.
     */
    private ObjectNode update(String table, ObjectNode request) {
        ObjectNode item = items.computeIfAbsent(key(table, request.path("Key")), any -> request.get("Key").deepCopy());
        JsonNode names = request.path("ExpressionAttributeNames");
        JsonNode values = request.path("ExpressionAttributeValues");
        Matcher clause = UPDATE_CLAUSE.matcher(request.path("UpdateExpression").asText());
        while (clause.find()) {
            for (String action : clause.group(2).split(",(?![^(]*\\))")) {
                String[] sides = action.split("=", 2);
                String name = names.path(sides[0].strip()).asText(sides[0].strip());
                if (clause.group(1).equals("REMOVE")) {
                    item.remove(name);
                    continue;
                }
                Matcher value = VALUE.matcher(sides[1]);
                if (value.find() && !(sides[1].contains("if_not_exists") && item.has(name))) {
                    item.set(name, values.get(value.group()));
                }
            }
        }
        return item;
    }

    private void put(String table, ObjectNode item) {
        items.put(key(table, item), item);
    }

    private static String key(String table, JsonNode item) {
        return table + "|" + item.path("pk") + "|" + item.path("sk");
    }

    synchronized int answered() {
        return answered;
    }
    @Override
    public String clientName() {
        return "InMemory";
    }

    @Override
    public void close() {
        // Holds nothing.
    }
}
