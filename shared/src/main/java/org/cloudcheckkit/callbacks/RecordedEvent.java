package org.cloudcheckkit.callbacks;

import java.util.Map;

/** A callback or webhook as recorded in the table (its key and string attributes), which is how the processor sees it. */
public record RecordedEvent(String pk, String sk, Map<String, String> attributes) {

    public String attribute(String name) {
        return attributes.get(name);
    }
}
