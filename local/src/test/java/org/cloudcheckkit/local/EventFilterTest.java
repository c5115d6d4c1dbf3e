package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    /** The ArchiveFunction's pattern in template.yaml. */
    private static final String TEMPLATE_PATTERN =
            "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"Keys\": {\"sk\": {\"S\": [{\"prefix\": \"EVENT#\"}]}}}}";

    private static JsonNode record(String eventName, String sk) {
        return Json.parse("{\"eventName\":\"" + eventName + "\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"GO#1\"},\"sk\":{\"S\":\""
                + sk + "\"}},\"SequenceNumber\":\"100\"}}");
    }

    @Test
    void templatePatternDeliversInsertedEventsOnly() {
        EventFilter filter = EventFilter.of(List.of(TEMPLATE_PATTERN));

        assertTrue(filter.matches(record("INSERT", "EVENT#token#Responded")));
        assertFalse(filter.matches(record("MODIFY", "EVENT#token#Responded")), "another event name");
        assertFalse(filter.matches(record("INSERT", "RECIPIENT#token")), "another key prefix");
        assertFalse(filter.matches(Json.parse("{\"eventName\":\"INSERT\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"x\"}}}}")),
                "a record without the nested field");
    }

    @Test
    void noFiltersDeliverEverything() {
        assertTrue(EventFilter.of(List.of()).matches(record("REMOVE", "anything")));
    }

    @Test
    void aRecordMatchingAnyOfSeveralFiltersIsDelivered() {
        EventFilter filter = EventFilter.of(List.of("{\"eventName\": [\"INSERT\"]}", "{\"eventName\": [\"REMOVE\"]}"));

        assertTrue(filter.matches(record("REMOVE", "x")));
        assertFalse(filter.matches(record("MODIFY", "x")));
    }

    @Test
    void anArrayOfValuesMatchesAnyOfThem() {
        EventFilter filter = EventFilter.of(List.of("{\"eventName\": [\"INSERT\", \"MODIFY\"]}"));

        assertTrue(filter.matches(record("MODIFY", "x")));
        assertFalse(filter.matches(record("REMOVE", "x")));
    }

    @Test
    void existsTestsPresenceOfTheField() {
        EventFilter present = EventFilter.of(List.of("{\"dynamodb\": {\"NewImage\": [{\"exists\": true}]}}"));
        EventFilter absent = EventFilter.of(List.of("{\"dynamodb\": {\"NewImage\": [{\"exists\": false}]}}"));
        JsonNode withImage = Json.parse("{\"dynamodb\":{\"NewImage\":{\"a\":{\"S\":\"1\"}}}}");
        JsonNode withoutImage = Json.parse("{\"dynamodb\":{}}");

        assertTrue(present.matches(withImage));
        assertFalse(present.matches(withoutImage));
        assertTrue(absent.matches(withoutImage));
        assertFalse(absent.matches(withImage));
    }

    @Test
    void numbersCompareByValueAndNullMatchesOnlyNull() {
        EventFilter number = EventFilter.of(List.of("{\"size\": [10]}"));
        EventFilter nothing = EventFilter.of(List.of("{\"size\": [null]}"));

        assertTrue(number.matches(Json.parse("{\"size\": 10.0}")));
        assertFalse(number.matches(Json.parse("{\"size\": \"10\"}")), "a string is not the number");
        assertTrue(nothing.matches(Json.parse("{\"size\": null}")));
        assertFalse(nothing.matches(Json.parse("{}")), "a missing field is not null");
    }

    @Test
    void anArrayInTheRecordMatchesWhenAnyElementDoes() {
        EventFilter filter = EventFilter.of(List.of("{\"tags\": [\"urgent\"]}"));

        assertTrue(filter.matches(Json.parse("{\"tags\": [\"late\", \"urgent\"]}")));
        assertFalse(filter.matches(Json.parse("{\"tags\": [\"late\"]}")));
    }

    @Test
    void operatorsItDoesNotImplementAreRefusedWhenRead() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EventFilter.of(List.of("{\"eventName\": [{\"anything-but\": [\"REMOVE\"]}]}")));

        assertTrue(refused.getMessage().contains("anything-but"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventFilter.of(List.of("{\"eventName\": \"INSERT\"}")),
                "a bare value instead of an array");
    }
}
