package org.cloudcheckkit.functions.cardverification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.cloudcheckkit.functions.SampleEvents;

/** The card verification sample events in events/, as the tests vary them. */
final class CardVerificationEvents {
    static final String INITIATE = "card-verification-initiate.json";
    static final String INITIATE_INVALID = "card-verification-initiate-invalid.json";

    private CardVerificationEvents() {
    }

    static APIGatewayV2HTTPEvent load(String name) {
        return SampleEvents.load(name).event();
    }

    /** The sample event with its JSON body changed by {@code change}. */
    static APIGatewayV2HTTPEvent initiate(Consumer<ObjectNode> change) {
        return SampleEvents.load(INITIATE).editBody(change).event();
    }

    /** The sample event from a device with {@code serialNumber}, holding {@code accessToken}. */
    static APIGatewayV2HTTPEvent initiate(String serialNumber, String accessToken) {
        return initiate(body -> {
            ((ObjectNode) body.get("consumer").get("device")).put("serialNumber", serialNumber);
            ((ObjectNode) body.get("session")).put("accessToken", accessToken);
        });
    }
}
