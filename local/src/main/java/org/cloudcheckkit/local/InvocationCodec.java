package org.cloudcheckkit.local;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads an invocation's JSON payload as a handler's input type and writes its result back as JSON, choosing the
 * serializer as Lambda's Java runtime does: Lambda's own event serializers for the event classes (they know the
 * events' wire names, such as DynamoDB's {@code "S"} and {@code "N"}), its Jackson serializer for any other type.
 */
final class InvocationCodec {

    private final Type type;
    private final PojoSerializer<Object> serializer;

    private InvocationCodec(Type type, PojoSerializer<Object> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @SuppressWarnings("unchecked") // the serializer is for exactly this type; handlers receive and return it as Object
    static InvocationCodec forType(Type type, ClassLoader classLoader) {
        Class<?> raw = rawClass(type);
        PojoSerializer<?> serializer = LambdaEventSerializers.isLambdaSupportedEvent(raw.getName())
                ? LambdaEventSerializers.serializerFor(raw, classLoader)
                : JacksonFactory.getInstance().getSerializer(type);
        return new InvocationCodec(type, (PojoSerializer<Object>) serializer);
    }

    Object read(String json) {
        return serializer.fromJson(json);
    }

    String write(Object value) {
        if (value == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "InvocationCodec[" + type.getTypeName() + "]";
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("Handlers must take and return a class or a parameterized class, not " + type);
    }
}
