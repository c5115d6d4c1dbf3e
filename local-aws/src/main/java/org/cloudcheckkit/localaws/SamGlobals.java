package org.cloudcheckkit.localaws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a {@code Globals} section to a resource's properties the way SAM does: the resource's scalars replace
 * the global ones, maps merge key by key, lists are the global entries followed by the resource's, and an
 * intrinsic function counts as a scalar.
 */
final class SamGlobals {

    private SamGlobals() {
    }

    static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        own.forEach((key, value) -> merged.put(key, merged.containsKey(key) ? mergeValue(merged.get(key), value) : value));
        return Collections.unmodifiableMap(merged);
    }

    private static Object mergeValue(Object global, Object own) {
        if (global instanceof Map<?, ?> && own instanceof Map<?, ?> && !isIntrinsic(global) && !isIntrinsic(own)) {
            return merge(PropertyMap.at("Globals", global).values(), PropertyMap.at("Properties", own).values());
        }
        if (global instanceof List<?> globalList && own instanceof List<?> ownList) {
            List<Object> merged = new ArrayList<>(globalList);
            merged.addAll(ownList);
            return Collections.unmodifiableList(merged);
        }
        return own;
    }

    private static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && map.keySet().iterator().next() instanceof String key && (key.equals("Ref") || key.startsWith("Fn::"));
    }
}
