package org.cloudcheckkit.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A DynamoDB item read through typed accessors, and built without the boilerplate of AttributeValue. */
public final class Item {
    private final Map<String, AttributeValue> attributes;

    private Item(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        return new Item(attributes == null ? Map.of() : attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key attributes of {@code key}, as GetItem and UpdateItem take them. */
    public static Map<String, AttributeValue> key(ItemKey key) {
        return Map.of(Attr.PK, s(key.pk()), Attr.SK, s(key.sk()));
    }

    /** This item's key, parsed into its type. */
    public ItemKey itemKey() {
        return ItemKey.parse(string(Attr.PK), string(Attr.SK));
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    public Map<String, AttributeValue> attributes() {
        return attributes;
    }

    public String string(String name) {
        AttributeValue value = attributes.get(name);
        return value == null ? null : value.s();
    }

    public Optional<Long> number(String name) {
        AttributeValue value = attributes.get(name);
        return value == null || value.n() == null ? Optional.empty() : Optional.of(Long.parseLong(value.n()));
    }

    public long number(String name, long fallback) {
        return number(name).orElse(fallback);
    }

    public int integer(String name, int fallback) {
        return (int) number(name, fallback);
    }

    public Map<String, AttributeValue> map(String name) {
        AttributeValue value = attributes.get(name);
        return value == null || !value.hasM() ? Map.of() : value.m();
    }

    public List<AttributeValue> list(String name) {
        AttributeValue value = attributes.get(name);
        return value == null || !value.hasL() ? List.of() : value.l();
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static final class Builder {
        private final Map<String, AttributeValue> attributes = new HashMap<>();

        public Builder key(ItemKey key) {
            attributes.put(Attr.PK, s(key.pk()));
            attributes.put(Attr.SK, s(key.sk()));
            return this;
        }

        public Builder put(String name, Long value) {
            if (value != null) {
                attributes.put(name, n(value));
            }
            return this;
        }

        public Builder put(String name, String value) {
            if (value != null) {
                attributes.put(name, AttributeValue.fromS(value));
            }
            return this;
        }

        public Builder put(String name, long value) {
            attributes.put(name, n(value));
            return this;
        }

        public Builder put(String name, AttributeValue value) {
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(attributes);
        }
    }
}
