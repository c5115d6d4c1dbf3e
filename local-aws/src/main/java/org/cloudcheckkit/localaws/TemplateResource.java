package org.cloudcheckkit.localaws;

import java.util.Map;
import java.util.Optional;

/** A resource as the template declares it: properties unresolved, intrinsic functions in their long form. */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties, Optional<String> condition) {

    static TemplateResource read(String logicalId, PropertyMap definition) {
        return new TemplateResource(logicalId, definition.requiredString("Type"),
                definition.mapOrEmpty("Properties").values(), definition.optionalString("Condition"));
    }

    PropertyMap propertyMap() {
        return new PropertyMap("Resources." + logicalId + ".Properties", properties);
    }
}
