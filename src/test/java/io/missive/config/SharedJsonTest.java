package io.missive.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonException;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a peer's JSON can raise when read: JsonException and nothing else. */
class SharedJsonTest {

    @Test
    void aNumberWithAnExponentPastAnIntIsJsonExceptionNotNumberFormatException() {
        // found by FishChatCodecFuzzTest: a FishChat body with such a number in any field escaped the decoder
        byte[] body = "{\"CmdName\":\"SEND_PING\",\"Args\":[],\"x\":[2.5e32222222222222222222]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SharedJson.readObject(body)).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> SharedJson.readObject("{\"a\":1e2147483648}")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> SharedJson.readValue("1e2147483648")).isInstanceOf(JsonException.class);
    }

    @Test
    void anotherKindOfValueOrNoJsonIsJsonException() {
        assertThatThrownBy(() -> SharedJson.readObject("[1]")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> SharedJson.readObject("{\"a\":")).isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> SharedJson.readObject(new byte[] {(byte) 0xff, (byte) 0xfe})).isInstanceOf(JsonException.class);
    }

    @Test
    void anObjectOrValueIsRead() {
        assertThat(SharedJson.readObject("{\"a\":1e999}").getJsonNumber("a").toString()).isEqualTo("1E+999");
        assertThat(SharedJson.readValue("true")).isEqualTo(JsonValue.TRUE);
    }
}
