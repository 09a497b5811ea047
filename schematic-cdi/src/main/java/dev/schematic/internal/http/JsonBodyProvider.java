package dev.schematic.internal.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads and writes JSON bodies of the SDK's REST clients with {@link JsonMapping#jsonb()}. Registered on every client
 * the SDK builds, so the SDK does not depend on the runtime having a JSON-B provider for its REST client (Quarkus
 * REST client without a JSON-B extension, plain Java SE).
 */
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public final class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders,
            InputStream entityStream)
            throws IOException {
        PushbackInputStream in = new PushbackInputStream(entityStream, 1);
        int first = in.read();
        if (first == -1) {
            return null;
        }
        in.unread(first);
        return JsonMapping.jsonb().fromJson(in, genericType);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return handles(type, mediaType);
    }

    @Override
    public void writeTo(
            Object value,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream) {
        JsonMapping.jsonb().toJson(value, genericType, entityStream);
    }

    private static boolean handles(Class<?> type, MediaType mediaType) {
        boolean json = mediaType == null
                || (mediaType.getType().equalsIgnoreCase("application")
                        && (mediaType.getSubtype().equalsIgnoreCase("json")
                                || mediaType.getSubtype().toLowerCase().endsWith("+json")));
        return json
                && type != String.class
                && type != byte[].class
                && !InputStream.class.isAssignableFrom(type)
                && !Reader.class.isAssignableFrom(type)
                && !Response.class.isAssignableFrom(type);
    }
}
