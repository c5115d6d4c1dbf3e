package org.cloudcheckkit.localaws;

import java.util.Map;

/**
 * A resource made in the emulator: what {@code Ref} gives for it (a table's name, a queue's URL) and what
 * {@code Fn::GetAtt} can read from it (Arn, StreamArn, QueueUrl...).
 */
public record LocalResource(String logicalId, String type, String physicalName, String ref, Map<String, String> attributes) {

    public LocalResource {
        attributes = Map.copyOf(attributes);
    }
}
