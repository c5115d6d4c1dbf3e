package org.cloudcheckkit.archive;

import java.util.Map;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What a result belongs to: one Go recipient, or one Akahu session. */
public sealed interface Subject {

    Map<String, AttributeValue> key();

    record GoRecipient(String goApiReference, String recipientToken) implements Subject {
        @Override
        public Map<String, AttributeValue> key() {
            return TableKeys.key(TableKeys.goPartition(goApiReference), TableKeys.RECIPIENT_PREFIX + recipientToken);
        }
    }

    record AkahuSession(String callbackId) implements Subject {
        @Override
        public Map<String, AttributeValue> key() {
            return TableKeys.key(TableKeys.akahuPartition(callbackId), TableKeys.SESSION);
        }
    }
}
