package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each PDF served is logged with the SHA-256 and size of the exact bytes that went out. */
class ServedDocumentsTest {
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void aServedPdfIsLoggedWithTheHashOfItsBytes(CloudcheckSandbox sandbox) throws Exception {
        ApiClient api = ApiClient.forDefaultKey(sandbox);
        String token = api.postOk("/go/create/", TestData.createRequest(TestData.recipient("cust-1")))
                .get("recipients").get(0).get("recipientToken").asText();
        sandbox.completeRecipient(token, VerificationOutcome.PASS);

        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/go/pdf/?" + ApiClient.form(api.signed("/go/pdf/", api.parameters("token", token))))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        List<ServedDocument> served = awaitDocuments(sandbox);
        assertEquals(1, served.size());
        assertEquals("/go/pdf/", served.get(0).path());
        assertEquals(token, served.get(0).subject());
        assertEquals(pdf.body().length, served.get(0).size());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf.body())), served.get(0).sha256());
    }

    private static List<ServedDocument> awaitDocuments(CloudcheckSandbox sandbox) throws InterruptedException {
        for (int i = 0; i < 100 && sandbox.servedDocuments().isEmpty(); i++) {
            Thread.sleep(20);
        }
        return sandbox.servedDocuments();
    }
}
