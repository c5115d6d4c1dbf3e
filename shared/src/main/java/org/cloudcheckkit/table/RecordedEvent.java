package org.cloudcheckkit.table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A callback or webhook as recorded, once, in the table - which is also how it is queued: the table's stream hands
 * each new one to the archive function. What it says is only a hint; the processor fetches the real state.
 */
public sealed interface RecordedEvent {
    /** How long an event item is kept: the stream hands it on within a day; the history it fed stays for good. */
    Duration KEPT_FOR = Duration.ofDays(7);
    /** Webhooks with the same content within one window are one event: a burst of repeats costs one fetch. */
    Duration SAME_WEBHOOK_WINDOW = Duration.ofMinutes(5);

    ItemKey.Event key();

    /** The callback id its URL carried (null for an account webhook not tied to a session of ours). */
    String callbackId();

    Instant receivedAt();

    /** What told us, for a status history: "go-callback", "akahu-webhook", ... */
    String source();

    /** A Go notification: a recipient's status changed (so Cloudcheck says). */
    record GoCallback(String goApiReference, String recipientToken, String status, String callbackId, Instant receivedAt)
            implements RecordedEvent {
        public ItemKey.Event key() {
            return ItemKey.Event.ofGo(goApiReference, recipientToken, status);
        }

        public String source() {
            return "go-callback";
        }
    }

    /** Akahu's notification URL was called: the session finished (it carries nothing else). */
    record AkahuNotification(String callbackId, Instant receivedAt) implements RecordedEvent {
        public ItemKey.Event key() {
            return ItemKey.Event.ofAkahu(callbackId, "NOTIFICATION");
        }

        public String source() {
            return "akahu-notification";
        }
    }

    /** Akahu's webhook: {@code references} are session tokens; {@code payload} its body as sent (bounded). */
    record AkahuWebhook(String callbackId, String eventType, List<String> references, String payload, Instant receivedAt)
            implements RecordedEvent {
        public ItemKey.Event key() {
            return ItemKey.Event.ofAkahu(callbackId, eventType + "#" + String.join(",", references) + "#" + window(receivedAt));
        }

        public String source() {
            return "akahu-webhook";
        }
    }

    /**
     * A review of an Akahu session made through this service's API: the result changed, so it is fetched again and,
     * when it differs from the archived one, archived as a new version.
     */
    record AkahuReviewed(String callbackId, Instant receivedAt) implements RecordedEvent {
        public ItemKey.Event key() {
            return ItemKey.Event.ofAkahu(callbackId, "REVIEWED#" + receivedAt.toEpochMilli());
        }

        public String source() {
            return "akahu-review";
        }
    }

    /**
     * The account webhook, one event per reference. One whose reference names an Akahu session or a Go recipient of
     * ours is recorded in that subject's partition (its result is refreshed); any other is kept for the operator.
     * {@code payload} is its body as sent (bounded): fields added since are kept.
     */
    record AccountWebhook(String requestType, String eventType, String reference, Subject subject, String payload,
                          Instant receivedAt) implements RecordedEvent {
        public ItemKey.Event key() {
            String name = requestType + "#" + eventType + "#" + reference + "#" + window(receivedAt);
            if (subject.callbackId() != null) {
                return ItemKey.Event.ofAkahu(subject.callbackId(), name);
            }
            return subject.goApiReference() != null ? ItemKey.Event.ofGoAccountWebhook(subject.goApiReference(), name)
                    : ItemKey.Event.ofAccountWebhook(requestType, name);
        }

        public String callbackId() {
            return subject.callbackId();
        }

        public String source() {
            return "account-webhook";
        }
    }

    /** Whose result an account webhook names: an Akahu session (by callback id), a Go recipient, or neither. */
    record Subject(String callbackId, String goApiReference, String recipientToken) {
        public static final Subject NONE = new Subject(null, null, null);

        public static Subject akahu(String callbackId) {
            return new Subject(callbackId, null, null);
        }

        public static Subject go(String goApiReference, String recipientToken) {
            return new Subject(null, goApiReference, recipientToken);
        }
    }

    /** The window an event falls in, as a number: events alike in one window share a key. */
    static long window(Instant receivedAt) {
        return receivedAt.getEpochSecond() / SAME_WEBHOOK_WINDOW.toSeconds();
    }

    /**
     * The item as written: its key, its kind and its fields, all strings (as the stream's image shows them), and when
     * it expires.
     */
    static Map<String, AttributeValue> toItem(RecordedEvent event) {
        Item.Builder item = Item.builder().key(event.key())
                .put(Attr.CALLBACK_ID, event.callbackId())
                .put(Attr.RECEIVED_AT, event.receivedAt().toString())
                .put(Attr.EXPIRES_AT, event.receivedAt().plus(KEPT_FOR).getEpochSecond());
        if (event instanceof GoCallback go) {
            item.put(Attr.KIND, "GO_CALLBACK").put(Attr.GO_API_REFERENCE, go.goApiReference())
                    .put(Attr.RECIPIENT_TOKEN, go.recipientToken()).put(Attr.HINT, go.status());
        } else if (event instanceof AkahuNotification) {
            item.put(Attr.KIND, "AKAHU_NOTIFICATION");
        } else if (event instanceof AkahuWebhook webhook) {
            item.put(Attr.KIND, "AKAHU_WEBHOOK").put(Attr.EVENT_TYPE, webhook.eventType())
                    .put(Attr.REFERENCE, String.join(",", webhook.references())).put(Attr.PAYLOAD, webhook.payload());
        } else if (event instanceof AkahuReviewed) {
            item.put(Attr.KIND, "AKAHU_REVIEWED");
        } else if (event instanceof AccountWebhook webhook) {
            item.put(Attr.KIND, "ACCOUNT_WEBHOOK").put(Attr.REQUEST_TYPE, webhook.requestType())
                    .put(Attr.EVENT_TYPE, webhook.eventType()).put(Attr.REFERENCE, webhook.reference())
                    .put(Attr.GO_API_REFERENCE, webhook.subject().goApiReference())
                    .put(Attr.RECIPIENT_TOKEN, webhook.subject().recipientToken()).put(Attr.PAYLOAD, webhook.payload());
        }
        return item.build();
    }

    /** True for the key of an event item: what the archive function's stream filter lets through. */
    static boolean isEventKey(String sk) {
        return sk != null && sk.startsWith(ItemKey.EVENT);
    }

    /**
     * An event from the string attributes of a stream record's new image; null when the image is not an event this
     * version knows (another item kind, or a kind written by a newer version).
     */
    static RecordedEvent fromImage(Map<String, String> image) {
        if (!isEventKey(image.get(Attr.SK)) || image.get(Attr.KIND) == null) {
            return null;
        }
        String callbackId = image.get(Attr.CALLBACK_ID);
        Instant receivedAt = image.get(Attr.RECEIVED_AT) == null ? Instant.EPOCH : Instant.parse(image.get(Attr.RECEIVED_AT));
        switch (image.get(Attr.KIND)) {
            case "GO_CALLBACK":
                return new GoCallback(image.get(Attr.GO_API_REFERENCE), image.get(Attr.RECIPIENT_TOKEN), image.get(Attr.HINT),
                        callbackId, receivedAt);
            case "AKAHU_NOTIFICATION":
                return new AkahuNotification(callbackId, receivedAt);
            case "AKAHU_REVIEWED":
                return new AkahuReviewed(callbackId, receivedAt);
            case "AKAHU_WEBHOOK":
                return new AkahuWebhook(callbackId, image.get(Attr.EVENT_TYPE), references(image.get(Attr.REFERENCE)),
                        image.get(Attr.PAYLOAD), receivedAt);
            case "ACCOUNT_WEBHOOK":
                return new AccountWebhook(image.get(Attr.REQUEST_TYPE), image.get(Attr.EVENT_TYPE), image.get(Attr.REFERENCE),
                        new Subject(callbackId, image.get(Attr.GO_API_REFERENCE), image.get(Attr.RECIPIENT_TOKEN)),
                        image.get(Attr.PAYLOAD), receivedAt);
            default:
                return null;
        }
    }

    private static List<String> references(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
