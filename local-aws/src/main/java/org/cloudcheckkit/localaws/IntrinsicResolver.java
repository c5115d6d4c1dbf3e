package org.cloudcheckkit.localaws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Gives template values their local meaning: parameters (overridden or default), pseudo parameters, and the
 * resources made in the emulator. Supports Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If,
 * Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::FindInMap and Fn::Base64, and the template's Conditions. Anything it
 * cannot resolve throws a {@link TemplateException} that shows the expression. Not thread-safe: it remembers the
 * conditions it has evaluated.
 */
public final class IntrinsicResolver {

    /** What {@code AWS::NoValue} resolves to: the map entry or list item holding it is dropped. */
    private static final Object NO_VALUE = new Object();

    private final StackTemplate template;
    private final Map<String, String> parameterValues;
    private final PseudoParameters pseudoParameters;
    private final Function<String, Optional<LocalResource>> localResources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsInProgress = new LinkedHashSet<>();

    /**
     * @param parameterOverrides values that replace the template's defaults; each must name a template parameter
     * @param localResources     the local resource for a logical id, or empty when it is not made locally
     */
    public IntrinsicResolver(StackTemplate template, Map<String, String> parameterOverrides,
                             PseudoParameters pseudoParameters, Function<String, Optional<LocalResource>> localResources) {
        this.template = template;
        this.parameterValues = parameterValues(template, parameterOverrides);
        this.pseudoParameters = pseudoParameters;
        this.localResources = localResources;
    }

    /** Resolves every intrinsic function in {@code value}; empty when it resolves to {@code AWS::NoValue}. */
    public Optional<Object> resolve(Object value) {
        Object resolved = evaluate(value);
        return resolved == NO_VALUE ? Optional.empty() : Optional.ofNullable(resolved);
    }

    /** Resolves {@code value} to text; empty when it resolves to {@code AWS::NoValue}. */
    public Optional<String> resolveText(Object value) {
        return resolve(value).map(resolved -> text(resolved, value));
    }

    /** The value of a parameter: the override, else the template's default. */
    public String parameterValue(String name) {
        if (!template.parameters().containsKey(name)) {
            throw new TemplateException("The template has no parameter " + name);
        }
        String value = parameterValues.get(name);
        if (value == null) {
            throw new TemplateException("Parameter " + name + " has no Default and no override gave it a value");
        }
        return value;
    }

    /** Evaluates a condition of the template's {@code Conditions} section. */
    public boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw new TemplateException("The template has no condition " + name);
        }
        if (!conditionsInProgress.add(name)) {
            throw new TemplateException("Conditions refer to each other in a cycle: " + conditionsInProgress + " -> " + name);
        }
        try {
            boolean value = truth(definition);
            conditionValues.put(name, value);
            return value;
        } finally {
            conditionsInProgress.remove(name);
        }
    }

    private static Map<String, String> parameterValues(StackTemplate template, Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (!template.parameters().containsKey(name)) {
                throw new TemplateException("Override for parameter " + name + ", which the template does not declare; it has "
                        + template.parameters().keySet());
            }
        }
        Map<String, String> values = new HashMap<>();
        for (TemplateParameter parameter : template.parameters().values()) {
            Optional<String> value = Optional.ofNullable(overrides.get(parameter.name())).or(parameter::defaultValue);
            if (value.isEmpty()) {
                continue; // reported if the template uses it
            }
            if (!parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value.get())) {
                throw new TemplateException("Parameter " + parameter.name() + " is " + value.get() + " but must be one of "
                        + parameter.allowedValues());
            }
            values.put(parameter.name(), value.get());
        }
        return values;
    }

    private Object evaluate(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = PropertyMap.at("", map).values();
            if (properties.size() == 1) {
                String key = properties.keySet().iterator().next();
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, properties.get(key), properties);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            properties.forEach((key, item) -> {
                Object resolvedItem = evaluate(item);
                if (resolvedItem != NO_VALUE) {
                    resolved.put(key, resolvedItem);
                }
            });
            return Collections.unmodifiableMap(resolved);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            for (Object item : list) {
                Object resolvedItem = evaluate(item);
                if (resolvedItem != NO_VALUE) {
                    resolved.add(resolvedItem);
                }
            }
            return Collections.unmodifiableList(resolved);
        }
        return value;
    }

    private Object function(String name, Object argument, Map<String, Object> expression) {
        return switch (name) {
            case "Ref" -> ref(text(argument, expression), expression);
            case "Fn::GetAtt" -> getAtt(argument, expression);
            case "Fn::Sub" -> sub(argument, expression);
            case "Fn::Join" -> join(arguments(argument, 2, expression), expression);
            case "Fn::Select" -> select(arguments(argument, 2, expression), expression);
            case "Fn::Split" -> split(arguments(argument, 2, expression), expression);
            case "Fn::If" -> ifThen(arguments(argument, 3, expression), expression);
            case "Fn::FindInMap" -> findInMap(arguments(argument, 3, expression), expression);
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    text(evaluate(argument), expression).getBytes(StandardCharsets.UTF_8));
            case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or" -> truth(expression);
            default -> throw unresolvable(expression, name + " has no local meaning here");
        };
    }

    private Object ref(String name, Map<String, Object> expression) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (name.startsWith("AWS::")) {
            return pseudoParameters.value(name).orElseThrow(() -> unresolvable(expression, name + " is no pseudo parameter"));
        }
        TemplateParameter parameter = template.parameters().get(name);
        if (parameter != null) {
            String value;
            try {
                value = parameterValue(name);
            } catch (TemplateException e) {
                throw unresolvable(expression, e.getMessage());
            }
            return parameter.isList() ? Arrays.stream(value.split(",", -1)).map(String::trim).toList() : value;
        }
        if (template.resources().containsKey(name)) {
            return localResource(name, expression).ref();
        }
        throw unresolvable(expression, "no parameter or resource is named " + name);
    }

    private Object getAtt(Object argument, Map<String, Object> expression) {
        List<Object> parts = argument instanceof String dotted && dotted.contains(".")
                ? List.of(dotted.substring(0, dotted.indexOf('.')), dotted.substring(dotted.indexOf('.') + 1))
                : arguments(argument, 2, expression);
        String logicalId = text(parts.get(0), expression);
        String attribute = text(evaluate(parts.get(1)), expression);
        if (!template.resources().containsKey(logicalId)) {
            throw unresolvable(expression, "no resource is named " + logicalId);
        }
        LocalResource resource = localResource(logicalId, expression);
        String value = resource.attributes().get(attribute);
        if (value == null) {
            throw unresolvable(expression, "the local " + resource.type() + " " + logicalId + " has no attribute " + attribute
                    + "; it has " + resource.attributes().keySet());
        }
        return value;
    }

    private LocalResource localResource(String logicalId, Map<String, Object> expression) {
        TemplateResource resource = template.resources().get(logicalId);
        Optional<String> condition = resource.condition();
        if (condition.isPresent() && !condition(condition.get())) {
            throw unresolvable(expression, logicalId + " is not created: its condition " + condition.get() + " is false");
        }
        return localResources.apply(logicalId).orElseThrow(() -> unresolvable(expression,
                logicalId + " is a " + resource.type() + ", which is not created locally"));
    }

    private String sub(Object argument, Map<String, Object> expression) {
        String format;
        Map<String, Object> variables;
        if (argument instanceof String text) {
            format = text;
            variables = Map.of();
        } else {
            List<Object> parts = arguments(argument, 2, expression);
            format = text(parts.get(0), expression);
            variables = PropertyMap.at("Fn::Sub variables", parts.get(1)).values();
        }
        StringBuilder result = new StringBuilder();
        int from = 0;
        for (int start = format.indexOf("${"); start >= 0; start = format.indexOf("${", from)) {
            int end = format.indexOf('}', start);
            if (end < 0) {
                throw unresolvable(expression, "${ at " + start + " is not closed");
            }
            result.append(format, from, start);
            String variable = format.substring(start + 2, end);
            if (variable.startsWith("!")) {
                result.append("${").append(variable.substring(1)).append('}'); // ${!Literal} writes ${Literal}
            } else {
                result.append(subVariable(variable.trim(), variables, expression));
            }
            from = end + 1;
        }
        return result.append(format.substring(from)).toString();
    }

    private String subVariable(String name, Map<String, Object> variables, Map<String, Object> expression) {
        if (variables.containsKey(name)) {
            return text(evaluate(variables.get(name)), expression);
        }
        if (!name.startsWith("AWS::") && name.contains(".")) {
            return text(getAtt(name, expression), expression);
        }
        return text(ref(name, expression), expression);
    }

    private String join(List<Object> arguments, Map<String, Object> expression) {
        String delimiter = text(arguments.get(0), expression);
        List<String> values = new ArrayList<>();
        for (Object value : list(evaluate(arguments.get(1)), expression)) {
            values.add(text(value, expression));
        }
        return String.join(delimiter, values);
    }

    private Object select(List<Object> arguments, Map<String, Object> expression) {
        String indexText = text(evaluate(arguments.get(0)), expression);
        List<Object> values = list(evaluate(arguments.get(1)), expression);
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            throw unresolvable(expression, "index " + indexText + " is not a number");
        }
        if (index < 0 || index >= values.size()) {
            throw unresolvable(expression, "index " + index + " is outside a list of " + values.size());
        }
        return values.get(index);
    }

    private List<String> split(List<Object> arguments, Map<String, Object> expression) {
        String delimiter = text(arguments.get(0), expression);
        String source = text(evaluate(arguments.get(1)), expression);
        return List.of(source.split(Pattern.quote(delimiter), -1));
    }

    private Object ifThen(List<Object> arguments, Map<String, Object> expression) {
        // Only the chosen branch is resolved: the other may name what does not exist locally.
        return evaluate(condition(text(arguments.get(0), expression)) ? arguments.get(1) : arguments.get(2));
    }

    private Object findInMap(List<Object> arguments, Map<String, Object> expression) {
        String mapName = text(evaluate(arguments.get(0)), expression);
        String topKey = text(evaluate(arguments.get(1)), expression);
        String secondKey = text(evaluate(arguments.get(2)), expression);
        Object value = Optional.ofNullable(template.mappings().get(mapName))
                .map(mapping -> PropertyMap.at("Mappings." + mapName, mapping).values().get(topKey))
                .map(top -> PropertyMap.at("Mappings." + mapName + "." + topKey, top).values().get(secondKey))
                .orElseThrow(() -> unresolvable(expression, "Mappings has no " + mapName + "." + topKey + "." + secondKey));
        return evaluate(value);
    }

    /** The value of a condition expression: Fn::Equals, Fn::Not, Fn::And, Fn::Or, or {"Condition": name}. */
    private boolean truth(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            throw unresolvable(value, "it is not a condition");
        }
        Map<String, Object> expression = PropertyMap.at("", map).values();
        String name = expression.keySet().iterator().next();
        Object argument = expression.get(name);
        return switch (name) {
            case "Condition" -> condition(text(argument, expression));
            case "Fn::Equals" -> {
                List<Object> sides = arguments(argument, 2, expression);
                yield comparable(evaluate(sides.get(0))).equals(comparable(evaluate(sides.get(1))));
            }
            case "Fn::Not" -> !truth(arguments(argument, 1, expression).get(0));
            case "Fn::And" -> list(argument, expression).stream().allMatch(this::truth);
            case "Fn::Or" -> list(argument, expression).stream().anyMatch(this::truth);
            default -> throw unresolvable(expression, "it is not a condition");
        };
    }

    /** CloudFormation compares scalars as text: {@code 2557} equals {@code "2557"}. */
    private static Object comparable(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(IntrinsicResolver::comparable).toList();
        }
        return Scalar.text(value).map(Object.class::cast).orElse(value);
    }

    private static List<Object> arguments(Object argument, int count, Map<String, Object> expression) {
        List<Object> arguments = list(argument, expression);
        if (arguments.size() != count) {
            throw unresolvable(expression, "it takes a list of " + count + " arguments");
        }
        return arguments;
    }

    private static List<Object> list(Object value, Object expression) {
        if (!(value instanceof List<?> list)) {
            throw unresolvable(expression, "a list was expected, not " + Json.write(value));
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    private static String text(Object value, Object expression) {
        if (value == NO_VALUE) {
            throw unresolvable(expression, "AWS::NoValue stands where a value is needed");
        }
        return Scalar.text(value).orElseThrow(() -> unresolvable(expression, "text was expected, not " + Json.write(value)));
    }

    private static TemplateException unresolvable(Object expression, String reason) {
        return new TemplateException("Cannot resolve " + Json.write(expression) + ": " + reason);
    }
}
