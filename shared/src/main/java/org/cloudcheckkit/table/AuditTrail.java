package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Who did what, when: one item per front-end call - the principal, the route and what it named (a request, a token),
 * the answer's status - in a partition per day, kept as long as the table keeps items (no expiry). A compliance officer
 * reads a day with one query (docs/api.md, "Who fetched which evidence").
 */
public final class AuditTrail {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final RandomGenerator random;

    public AuditTrail(DynamoDbClient dynamoDb, String table, Clock clock, RandomGenerator random) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param caller     who called (null on a route without an authorizer)
     * @param route      the route key, e.g. {@code GET /go/recipients/{recipientToken}/pdf}
     * @param parameters its path parameters: what the call named
     * @param requestId  the API's request id, which the function's log line for the call carries too
     */
    public void record(Owner caller, String route, Map<String, String> parameters, int status, String requestId) {
        Instant now = clock.instant();
        // A random part as well: two calls in one instant must never share a record, whatever their request ids.
        ItemKey.Audit key = ItemKey.Audit.of(now.atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                now + "#" + requestId + "#" + Long.toHexString(random.nextLong()));
        dynamoDb.putItem(request -> request.tableName(table).item(Owners.put(Item.builder(), caller)
                .key(key)
                .put(Attr.KIND, "AUDIT")
                .put(Attr.AT, now.toString())
                .put(Attr.ROUTE, route)
                .put(Attr.PARAMETERS, new TreeMap<>(parameters).toString())
                .put(Attr.STATUS, Integer.toString(status))
                .put(Attr.REQUEST_ID, requestId)
                .build()));
    }
}
