package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension: one sandbox per class, injected, reset before each test unless asked not to. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudcheckSandboxExtensionTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private static String tokenFromAnEarlierTest;

    @Test
    @Order(1)
    void injectsTheRunningSandbox(CloudcheckSandbox injected) {
        assertSame(sandbox.sandbox(), injected);
        assertTrue(injected.port() > 0);
        assertEquals("http://127.0.0.1:" + injected.port(), sandbox.baseUrl());
        tokenFromAnEarlierTest = ApiClient.forDefaultKey(injected)
                .postOk("/go/create/", TestData.createRequest(TestData.recipient("a")))
                .path("recipients").path(0).path("recipientToken").asText();
    }

    @Test
    @Order(2)
    void resetsBeforeEachTest(CloudcheckSandbox injected) {
        assertThrows(NoSuchElementException.class, () -> injected.recipient(tokenFromAnEarlierTest));
        assertEquals(0, injected.calls().size());
    }

    @Nested
    class NestedTests {
        @Test
        void shareTheOuterSandbox(CloudcheckSandbox injected) {
            assertSame(sandbox.sandbox(), injected);
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class WithoutReset {

        @RegisterExtension
        static CloudcheckSandboxExtension keeping = CloudcheckSandboxExtension.withDefaults().resetBeforeEach(false);

        private static String token;

        @Test
        @Order(1)
        void createsState() {
            token = ApiClient.forDefaultKey(keeping.sandbox())
                    .postOk("/go/create/", TestData.createRequest(TestData.recipient("kept")))
                    .path("recipients").path(0).path("recipientToken").asText();
        }

        @Test
        @Order(2)
        void stillSeesIt() {
            assertEquals("kept", keeping.sandbox().recipient(token).reference());
        }
    }
}
