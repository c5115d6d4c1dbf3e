package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Through ./run's local API, as two customers' front ends and an administrator would call it: user-b is told nothing
 * of user-a's request, recipient, PDF or Akahu session exists, and no Cloudcheck call is spent on asking; the
 * administrator (local-dev-token) sees them.
 */
@ExtendWith(SharedLocalStack.class)
class OwnersIT {
    /** What the schedule asks Cloudcheck about open requests and pending sessions. */
    private static final Set<String> BACKGROUND_PATHS = Set.of("/go/results/", "/akahu/result/");


    @Test
    void anotherUsersThingsDoNotExistForYouAndCostNoCloudcheckCall(LocalStack stack) {
        FrontEnd userA = new FrontEnd(stack.apiUrl(), LocalPrincipals.USER_A_TOKEN);
        FrontEnd userB = new FrontEnd(stack.apiUrl(), LocalPrincipals.USER_B_TOKEN);
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow();
        JsonNode created = json(userA.post("/go/requests", FrontEnd.sampleBody("go-create.json"), UUID.randomUUID().toString()), 201);
        String goApiReference = created.get("goApiReference").asText();
        String token = created.get("recipients").get(0).get("recipientToken").asText();
        JsonNode session = json(userA.post("/akahu/sessions", FrontEnd.sampleBody("akahu-initiate.json"),
                UUID.randomUUID().toString()), 201);
        // The stack's schedule reconciles user-a's open request and pending session every 2 seconds on its own, so
        // only calls the schedule never makes for them count here; OwnershipTest counts every call, with no schedule.
        long callsBefore = foregroundCalls(sandbox);

        for (String path : List.of("/go/requests/" + goApiReference, "/go/recipients/" + token,
                "/go/recipients/" + token + "/pdf", "/go/requests/" + goApiReference + "/archive",
                "/akahu/sessions/" + session.get("token").asText(), "/akahu/sessions/" + session.get("token").asText() + "/pdf")) {
            json(userB.get(path), 404);
        }
        json(userB.post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 404);
        assertEquals(callsBefore, foregroundCalls(sandbox), "nothing of user-a's reached Cloudcheck for user-b");

        assertEquals(goApiReference, json(userA.get("/go/requests/" + goApiReference), 200).get("goApiReference").asText());
        assertEquals(goApiReference, json(new FrontEnd(stack).get("/go/requests/" + goApiReference), 200)
                .get("goApiReference").asText(), "the administrator sees every request");
    }

    @Test
    void anIdempotencyKeyIsOneRequestsOnlySoAnotherUserOrRequestUsingItIsRefused(LocalStack stack) {
        FrontEnd userA = new FrontEnd(stack.apiUrl(), LocalPrincipals.USER_A_TOKEN);
        FrontEnd userB = new FrontEnd(stack.apiUrl(), LocalPrincipals.USER_B_TOKEN);
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow();
        String key = UUID.randomUUID().toString();
        String body = FrontEnd.sampleBody("go-create.json");
        JsonNode first = json(userA.post("/go/requests", body, key), 201);
        long creates = sandbox.successfulCalls("/go/create/");
        long sends = sandbox.successfulCalls("/go/send/");

        JsonNode byAnother = json(userB.post("/go/requests", body, key), 422);
        JsonNode onAnotherRoute = json(userA.post("/go/requests/" + first.get("goApiReference").asText() + "/send",
                "{\"test\": false}", key), 422);

        assertEquals("IDEMPOTENCY_DIFFERENT_REQUEST", byAnother.path("error").path("code").asText(), byAnother.toString());
        assertEquals("IDEMPOTENCY_DIFFERENT_REQUEST", onAnotherRoute.path("error").path("code").asText());
        assertEquals(creates, sandbox.successfulCalls("/go/create/"), "no second create for user-b");
        assertEquals(sends, sandbox.successfulCalls("/go/send/"), "and no send");
    }

    private static long foregroundCalls(CloudcheckSandbox sandbox) {
        return sandbox.calls().stream().filter(call -> !BACKGROUND_PATHS.contains(call.path())).count();
    }
}
