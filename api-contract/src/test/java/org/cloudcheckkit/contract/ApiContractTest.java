package org.cloudcheckkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiContractTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");
    private static final String ORDER = "{\"id\":\"o-1\",\"madeAt\":\"2026-11-30T10:15:30Z\",\"note\":null,\"extra\":1}";

    private final ApiContract contract = ApiContract.load(Path.of("src/test/resources/petstore.yaml"));

    @Test
    void anAnswerAsDescribedIsInContract() {
        contract.check(new Answer("POST", "/orders", 201, JSON, ORDER));
        contract.check(new Answer("get", "/orders/o-1?expand=1", 200, JSON, ORDER));
        contract.check(new Answer("GET", "/orders/{id}", 200, JSON, ORDER));
    }

    @Test
    void aFieldOfTheWrongTypeOrFormatIsNamed() {
        List<String> wrongType = contract.violations(new Answer("POST", "/orders", 201, JSON,
                "{\"id\":7,\"madeAt\":\"2026-11-30T10:15:30Z\"}"));
        assertEquals(1, wrongType.size(), wrongType.toString());
        assertTrue(wrongType.get(0).contains("/id"), wrongType.toString());

        List<String> notADate = contract.violations(new Answer("POST", "/orders", 201, JSON,
                "{\"id\":\"o-1\",\"madeAt\":\"yesterday\"}"));
        assertTrue(notADate.toString().contains("/madeAt"), notADate.toString());
    }

    @Test
    void aMissingRequiredFieldIsAViolation() {
        List<String> violations = contract.violations(new Answer("GET", "/orders/o-1", 200, JSON, "{\"id\":\"o-1\"}"));
        assertTrue(violations.toString().contains("madeAt"), violations.toString());
    }

    @Test
    void aStatusTheRouteDoesNotListIsAViolation() {
        List<String> violations = contract.violations(new Answer("GET", "/orders/o-1", 500, JSON, "{}"));
        assertEquals(List.of("GET /orders/{id} lists no response 500 (nor 5XX, nor default)"), violations);
    }

    @Test
    void aStatusRangeAndAReferencedResponseAreFollowed() {
        contract.check(new Answer("POST", "/orders", 404, JSON, "{\"error\":{\"code\":\"NOT_FOUND\"}}"));
        assertTrue(contract.violations(new Answer("POST", "/orders", 422, JSON, "{\"error\":{}}"))
                .toString().contains("code"));
        contract.check(new Answer("POST", "/orders", 503, Map.of("content-type", "application/json", "Retry-After", "5"),
                "{\"error\":{\"code\":\"BUSY\"}}"));
    }

    @Test
    void aRequiredHeaderThatDidNotComeIsAViolation() {
        assertEquals(List.of("header Retry-After is required"),
                contract.violations(new Answer("POST", "/orders", 503, JSON, "{\"error\":{\"code\":\"BUSY\"}}")));
    }

    @Test
    void theBodyMustComeAsTheMediaTypeDeclaredAndOnlyWhenOneIsDeclared() {
        assertEquals(List.of("response 200 came as application/json, not application/pdf"),
                contract.violations(new Answer("GET", "/orders/o-1/receipt", 200, JSON, "{}")));
        contract.check(new Answer("GET", "/orders/o-1/receipt", 200, Map.of("Content-Type", "application/pdf"), "%PDF-1.7"));
        assertEquals(List.of("response 204 declares no body, but one came: {}"),
                contract.violations(new Answer("GET", "/orders/latest", 204, JSON, "{}")));
        assertTrue(contract.violations(new Answer("POST", "/orders", 201, JSON, "")).get(0).contains("none came"));
        assertTrue(contract.violations(new Answer("POST", "/orders", 201, JSON, "not json")).get(0).contains("not JSON"));
    }

    @Test
    void aLiteralSegmentIsMatchedBeforeAParameter() {
        contract.check(new Answer("GET", "/orders/latest", 204, Map.of(), ""));
    }

    @Test
    void aRouteTheDocumentDoesNotHaveIsAViolation() {
        assertEquals(List.of("no operation DELETE /orders/o-1"),
                contract.violations(new Answer("DELETE", "/orders/o-1", 204, Map.of(), "")));
        AssertionError error = assertThrows(AssertionError.class,
                () -> contract.check(new Answer("DELETE", "/orders/o-1", 204, Map.of(), "")));
        assertTrue(error.getMessage().startsWith("DELETE /orders/o-1 answered 204"), error.getMessage());
    }

    @Test
    void requestBodiesAreCheckedAgainstTheRequestSchema() {
        assertEquals(List.of(), contract.requestViolations("POST", "/orders", "application/json", "{\"item\":\"tea\"}"));
        assertTrue(contract.requestViolations("POST", "/orders", "application/json", "{\"item\":\"\"}")
                .toString().contains("/item"));
    }

    @Test
    void aPathIsServedWhenAnOperationHasItsMethodAndShape() {
        assertTrue(contract.serves("get", "/orders/o-1?x=1"));
        assertTrue(contract.serves("GET", "/orders/{id}/receipt"));
        assertEquals(false, contract.serves("DELETE", "/orders/o-1"));
        assertEquals(false, contract.serves("GET", "/orders/o-1/receipt/extra"));
    }

    @Test
    void theRoutesAreListedAsMethodAndTemplate() {
        assertEquals(Set.of("POST /orders", "GET /orders/{id}", "GET /orders/{id}/receipt", "GET /orders/latest"),
                contract.routes());
    }
}
