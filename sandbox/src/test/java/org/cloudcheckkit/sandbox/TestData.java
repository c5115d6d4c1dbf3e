package org.cloudcheckkit.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies that pass validation, for tests to start from and spoil. */
final class TestData {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TestData() {
    }

    static ObjectNode recipient(String reference) {
        ObjectNode recipient = JSON.objectNode().put("reference", reference);
        recipient.putObject("name").put("given", "Jane").put("middle", "Mary").put("family", "Citizen");
        recipient.put("emailAddress", "jane@example.nz")
                .put("mobileNumber", "+64211234567")
                .put("dateofbirth", "1990-04-01");
        recipient.putObject("address")
                .put("unitnumber", "")
                .put("streetnumber", "12")
                .put("streetname", "Queen Street")
                .put("suburb", "Auckland Central")
                .put("city", "Auckland")
                .put("postcode", "1010");
        recipient.putObject("requestType").put("verification", true);
        return recipient;
    }

    static ObjectNode createRequest(ObjectNode... recipients) {
        ObjectNode request = JSON.objectNode()
                .put("reference", "onboarding-42")
                .put("emailFrom", "Example Ltd")
                .put("replyTo", "help@example.nz")
                .put("emailSubject", "Verify your identity")
                .put("emailContent", "<p>Please follow the link.</p>");
        ArrayNode list = request.putArray("recipients");
        for (ObjectNode recipient : recipients) {
            list.add(recipient);
        }
        return request;
    }

    static ObjectNode object() {
        return JSON.objectNode();
    }
}
