package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.cloudcheckkit.localaws.TemplateResource;
import org.junit.jupiter.api.Test;

/** What anyone on the internet can reach, as template.yaml deploys it: every route without an authorizer is throttled. */
class OpenRoutesTest {

    @Test
    void everyOpenRouteHasAThrottleOfItsOwnNoLooserThanTheDefault() {
        StackTemplate template = StackTemplate.read(TemplateLocation.find(Optional.empty(), Path.of("")));
        List<String> open = RouteTable.from(template, authorizer -> Map.of()).routes().stream()
                .filter(route -> route.authorizer().isEmpty()).map(HttpRoute::routeKey).toList();
        TemplateResource api = template.resourcesOfType(StackTemplate.SERVERLESS_HTTP_API).get(0);
        Map<?, ?> defaults = (Map<?, ?>) api.properties().get("DefaultRouteSettings");
        Map<?, ?> settings = (Map<?, ?>) api.properties().get("RouteSettings");

        assertEquals(List.of("GET /callbacks/akahu", "GET /callbacks/go", "POST /callbacks/akahu", "POST /callbacks/go",
                "POST /verification/initiate-verification", "POST /webhooks/cloudcheck"), open.stream().sorted().toList());
        for (String route : open) {
            Map<?, ?> throttle = (Map<?, ?>) settings.get(route);
            assertTrue(throttle != null, route + " has a throttle of its own");
            for (String limit : List.of("ThrottlingBurstLimit", "ThrottlingRateLimit")) {
                assertTrue(((Number) throttle.get(limit)).intValue() <= ((Number) defaults.get(limit)).intValue(),
                        route + " " + limit + " is no looser than the default");
            }
        }
    }
}
