package org.cloudcheckkit.localaws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::Function} with {@code Globals.Function} applied. Values stay unresolved; a
 * {@link LocalAws} resolves the environment against the resources it created.
 */
public final class ServerlessFunction {

    private final String logicalId;
    private final PropertyMap properties;
    private final List<FunctionEvent> events;

    ServerlessFunction(String logicalId, Map<String, Object> mergedProperties) {
        this.logicalId = logicalId;
        this.properties = new PropertyMap("Resources." + logicalId + ".Properties (with Globals.Function)", mergedProperties);
        this.events = readEvents(properties.mapOrEmpty("Events"));
    }

    public String logicalId() {
        return logicalId;
    }

    /** The Handler; absent only for an image function, which names its entry point in the image instead. */
    public Optional<String> handler() {
        return properties.optionalString("Handler");
    }

    /** {@code Environment.Variables}: those of {@code Globals.Function} first, then the function's own over them. */
    public Map<String, Object> environment() {
        return properties.mapOrEmpty("Environment").mapOrEmpty("Variables").values();
    }

    /** {@code LoggingConfig}: Globals' and the function's own, merged. */
    public Map<String, Object> loggingConfig() {
        return properties.mapOrEmpty("LoggingConfig").values();
    }

    public List<FunctionEvent> events() {
        return events;
    }

    /** All properties after Globals were applied. */
    public Map<String, Object> properties() {
        return properties.values();
    }

    private static List<FunctionEvent> readEvents(PropertyMap events) {
        List<FunctionEvent> read = new ArrayList<>();
        events.values().forEach((name, definition) -> read.add(FunctionEvent.read(name, PropertyMap.at(events.pathOf(name), definition))));
        return List.copyOf(read);
    }

    @Override
    public String toString() {
        return "ServerlessFunction[" + logicalId + "]";
    }
}
