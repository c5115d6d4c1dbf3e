package org.cloudcheckkit.functions.cardverification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The sample events in events/, read with the serializer Lambda's Java runtime itself uses. events/ is found by
 * walking up from the working directory, so the tests run from the module or the project root alike.
 */
final class CardVerificationEvents {
    static final String INITIATE = "card-verification-initiate.json";
    static final String INITIATE_INVALID = "card-verification-initiate-invalid.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CardVerificationEvents() {
    }

    static APIGatewayV2HTTPEvent load(String name) {
        try {
            String text = Files.readString(eventsDirectory().resolve(name), StandardCharsets.UTF_8);
            return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, CardVerificationEvents.class.getClassLoader())
                    .fromJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample event with its JSON body changed by {@code change}. */
    static APIGatewayV2HTTPEvent initiate(Consumer<ObjectNode> change) {
        APIGatewayV2HTTPEvent event = load(INITIATE);
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(event.getBody());
            change.accept(body);
            event.setBody(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return event;
    }

    /** The sample event from a device with {@code serialNumber}, holding {@code accessToken}. */
    static APIGatewayV2HTTPEvent initiate(String serialNumber, String accessToken) {
        return initiate(body -> {
            ((ObjectNode) body.get("consumer").get("device")).put("serialNumber", serialNumber);
            ((ObjectNode) body.get("session")).put("accessToken", accessToken);
        });
    }

    private static Path eventsDirectory() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("events").resolve(INITIATE))) {
                return directory.resolve("events");
            }
        }
        throw new IllegalStateException("no events/" + INITIATE + " above " + Path.of("").toAbsolutePath());
    }
}
