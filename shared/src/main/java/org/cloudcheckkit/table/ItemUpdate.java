package org.cloudcheckkit.table;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Builds one UpdateItem: SET and REMOVE clauses with their names and values. */
final class ItemUpdate {
    private final StringBuilder set = new StringBuilder();
    private final StringBuilder remove = new StringBuilder();
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    static ItemUpdate of() {
        return new ItemUpdate();
    }

    /** The attributes that make a Go recipient's item whole, whichever write comes first. */
    static ItemUpdate identity(ItemKey.ResultKey key, String reference) {
        ItemUpdate update = new ItemUpdate();
        if (key instanceof ItemKey.Recipient recipient) {
            update.set(Attr.KIND, ":kind", Item.s("GO_RECIPIENT"))
                    .set(Attr.GO_API_REFERENCE, ":goApiReference", Item.s(recipient.goApiReference()))
                    .set(Attr.RECIPIENT_TOKEN, ":recipientToken", Item.s(recipient.recipientToken()))
                    .set(Attr.TOKEN_KEY, ":tokenKey", Item.s(ItemKey.Recipient.tokenKey(recipient.recipientToken())));
        }
        if (reference != null) {
            update.set(Attr.REFERENCE, ":reference", Item.s(reference));
        }
        return update;
    }

    ItemUpdate set(String attribute, String placeholder, AttributeValue value) {
        return set("#" + attribute, attribute, placeholder, value);
    }

    ItemUpdate set(String nameToken, String attribute, String placeholder, AttributeValue value) {
        names.put(nameToken, attribute);
        values.put(placeholder, value);
        return setExpression(nameToken + " = " + placeholder);
    }

    ItemUpdate setExpression(String expression) {
        set.append(set.length() == 0 ? "SET " : ", ").append(expression);
        return this;
    }

    /** A name placeholder for a path element (a roster entry's token, say). */
    ItemUpdate names(String nameToken, String attribute) {
        names.put(nameToken, attribute);
        return this;
    }

    ItemUpdate value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    ItemUpdate remove(String attribute) {
        names.put("#" + attribute, attribute);
        remove.append(remove.length() == 0 ? " REMOVE " : ", ").append("#").append(attribute);
        return this;
    }

    ItemUpdate work(DueWork work, Instant at) {
        return set("#work", Attr.WORK, ":work", Item.s(work.name())).set("#due", Attr.DUE_AT, ":due", Item.n(at.toEpochMilli()));
    }

    ItemUpdate noWork() {
        names.put("#work", Attr.WORK);
        names.put("#due", Attr.DUE_AT);
        remove.append(remove.length() == 0 ? " REMOVE " : ", ").append("#work, #due");
        return this;
    }

    void apply(DynamoDbClient dynamoDb, String table, ItemKey key, String condition) {
        String expression = expression();
        dynamoDb.updateItem(request -> {
            request.tableName(table).key(Item.key(key)).updateExpression(expression)
                    .expressionAttributeNames(names);
            if (!values.isEmpty()) {
                request.expressionAttributeValues(values);
            }
            if (condition != null) {
                request.conditionExpression(condition);
            }
        });
    }

    /** The same update as one write of a TransactWriteItems. */
    TransactWriteItem transactWrite(String table, ItemKey key, String condition) {
        Update.Builder update = Update.builder().tableName(table).key(Item.key(key)).updateExpression(expression())
                .expressionAttributeNames(names);
        if (!values.isEmpty()) {
            update.expressionAttributeValues(values);
        }
        if (condition != null) {
            update.conditionExpression(condition);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private String expression() {
        return (set + remove.toString()).strip();
    }
}
