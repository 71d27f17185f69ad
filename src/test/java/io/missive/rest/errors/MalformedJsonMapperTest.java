package io.missive.rest.errors;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedJsonMapperTest {

    @Test
    void recognisesTheJsonBReadersFailure() {
        // what Jersey's JsonBindingProvider.readFrom throws for a bad body
        assertThat(MalformedJsonMapper.isJsonFault(new ProcessingException("Error deserializing object from entity stream.",
                new JsonbException("Unexpected char 39", new JsonException("parsing"))))).isTrue();
        assertThat(MalformedJsonMapper.isJsonFault(new ProcessingException("x", new JsonException("bad")))).isTrue();
    }

    @Test
    void otherProcessingFailuresAreNotTheClientsFault() {
        assertThat(MalformedJsonMapper.isJsonFault(new ProcessingException("x"))).isFalse();
        assertThat(MalformedJsonMapper.isJsonFault(new ProcessingException("x", new IOException("disk")))).isFalse();
    }
}
