package org.cloudcheckkit.localaws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads a CloudFormation YAML template into plain maps, lists and scalars, with every short-form tag
 * ({@code !Ref X}, {@code !Sub ...}) turned into the long form CloudFormation's JSON uses
 * ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}), so that the rest of the code sees one form only.
 */
final class CloudFormationYaml {

    private static final Map<String, String> LONG_FORMS = longForms();

    private CloudFormationYaml() {
    }

    /** The template as an unmodifiable, string-keyed mapping; {@code source} names it in error messages. */
    static Map<String, Object> load(String yaml, String source) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false); // CloudFormation rejects duplicate keys; silently keeping one would hide a mistake
        Object document;
        try {
            document = new Yaml(new IntrinsicTagConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new TemplateException(source + " is not a readable template: " + e.getMessage(), e);
        }
        if (!(document instanceof Map)) {
            throw new TemplateException(source + " is not a template: its top level is not a mapping");
        }
        return PropertyMap.at(source, frozen(document)).values();
    }

    private static Map<String, String> longForms() {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("!Ref", "Ref");
        forms.put("!Condition", "Condition");
        for (String function : List.of("Sub", "GetAtt", "Join", "If", "Equals", "Not", "And", "Or", "Select", "Split",
                "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs")) {
            forms.put("!" + function, "Fn::" + function);
        }
        return Map.copyOf(forms);
    }

    /** Deep unmodifiable copy with string keys; YAML allows other key types, CloudFormation does not use them. */
    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), frozen(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozen(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static final class IntrinsicTagConstructor extends SafeConstructor {

        IntrinsicTagConstructor(LoaderOptions options) {
            super(options);
            LONG_FORMS.forEach((tag, longForm) -> yamlConstructors.put(new Tag(tag), new LongForm(longForm)));
            // CloudFormation reads an unquoted date as text; YAML 1.1 would make it a java.util.Date.
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }

        private final class LongForm extends AbstractConstruct {

            private final String name;

            LongForm(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object argument = argument(node);
                if (name.equals("Fn::GetAtt") && argument instanceof String dotted) {
                    // The short form's "Resource.Attribute": a logical id has no dot, an attribute may (Outputs.X).
                    int dot = dotted.indexOf('.');
                    if (dot < 0) {
                        throw new YAMLException("!GetAtt " + dotted + " must name Resource.Attribute" + node.getStartMark());
                    }
                    argument = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(name, argument);
                return longForm;
            }

            private Object argument(Node node) {
                if (node instanceof ScalarNode scalar) {
                    return constructScalar(scalar);
                }
                if (node instanceof SequenceNode sequence) {
                    return constructSequence(sequence);
                }
                MappingNode mapping = (MappingNode) node;
                flattenMapping(mapping); // honours YAML merge keys (<<) as an untagged mapping would
                return constructMapping(mapping);
            }
        }
    }
}
