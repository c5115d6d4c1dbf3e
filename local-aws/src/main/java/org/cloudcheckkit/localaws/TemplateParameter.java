package org.cloudcheckkit.localaws;

import java.util.List;
import java.util.Optional;

/**
 * A template parameter. CloudFormation hands every parameter value over as text, so the default is text too
 * ({@code Default: 2557} reads as {@code "2557"}).
 */
public record TemplateParameter(String name, String type, Optional<String> defaultValue, List<String> allowedValues) {

    public TemplateParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    /** {@code CommaDelimitedList} and {@code List<...>} parameters resolve to a list, not to text. */
    public boolean isList() {
        return type.equals("CommaDelimitedList") || type.startsWith("List<");
    }

    static TemplateParameter read(String name, PropertyMap definition) {
        return new TemplateParameter(name, definition.requiredString("Type"), definition.optionalString("Default"),
                definition.strings("AllowedValues"));
    }
}
