package org.testigo.views;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;

/** The one JSON mapper of the public views: snake_case names, fields in declaration order. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A table id is its text in every document ("010113042.01"), not an object around it.
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(org.testigo.election.TableId.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] bytes(Object view) {
        try {
            return MAPPER.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
