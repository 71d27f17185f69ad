package io.missive.fishchat;

import io.missive.core.model.MessageId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FishChat's frame bodies, byte for byte as {@code protocols/fishchat.md} (Framing, Bytes) gives them. */
class FishChatCodecTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(ByteBuffer body) {
        return StandardCharsets.UTF_8.decode(body.duplicate()).toString();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("Bytes: the server's frames are the Go server's, newline included")
    @CsvSource(delimiter = '|', value = {
            "SELECT_MSG_SERVER_FOR_CLIENT|127.0.0.1:19000|||70",
            "RESP_MESSAGE_P2P|hi|alice|0f8fad5b-d9cb-469f-a165-70867728950e|92",
            "LOCATE_TOPIC_MSG_ADDR|127.0.0.1:19000|room1||71",
            "RESP_MESSAGE_TOPIC|room1|hi|alice|63"})
    void theServersFramesAreTheGoServersBytes(String name, String a, String b, String c, int length) {
        List<String> args = java.util.stream.Stream.of(a, b, c).filter(s -> s != null).toList();
        String body = text(FishChatCodec.encode(new FishChatCommand(name, args)));
        StringBuilder expected = new StringBuilder("{\"CmdName\":\"" + name + "\",\"Args\":[");
        for (int i = 0; i < args.size(); i++) {
            expected.append(i > 0 ? "," : "").append('"').append(args.get(i)).append('"');
        }
        expected.append("]}\n");
        assertThat(body).isEqualTo(expected.toString());
        assertThat(utf8(body)).as("the length the page gives (hex in the page)").hasSize(length);
    }

    @Test
    @DisplayName("Framing: Go's encoder escapes HTML characters and controls, keeps other Unicode as UTF-8")
    void stringsAreEscapedAsGoEscapedThem() {
        String body = text(FishChatCodec.encode("RESP_MESSAGE_TOPIC", "a<b>&\"c\\", "\n\r\t\u0001\u2028", "héllo 😀"));
        assertThat(body).isEqualTo("{\"CmdName\":\"RESP_MESSAGE_TOPIC\",\"Args\":[\"a\\u003cb\\u003e\\u0026\\\"c\\\\\","
                + "\"\\n\\r\\t\\u0001\\u2028\",\"héllo 😀\"]}\n");
        assertThat(text(FishChatCodec.encode("X", "\ud800x"))).as("a lone surrogate is not UTF-8").contains("\\ufffd");
        assertThat(text(FishChatCodec.encode("X"))).as("Args is [] when empty, never null")
                .isEqualTo("{\"CmdName\":\"X\",\"Args\":[]}\n");
    }

    @Test
    @DisplayName("Framing: the Go form (trailing newline) and the Gson form (none) read alike")
    void goAndGsonFormsReadAlike() throws Exception {
        FishChatCommand go = FishChatCodec.decode(utf8("{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",\"hi\",\"alice\"]}\n"));
        FishChatCommand gson = FishChatCodec.decode(utf8("{\"CmdName\":\"SEND_MESSAGE_P2P\",\"Args\":[\"bob\",\"hi\",\"alice\"]}"));
        assertThat(go).isEqualTo(gson).isEqualTo(FishChatCommand.of("SEND_MESSAGE_P2P", "bob", "hi", "alice"));
        assertThat(utf8("{\"CmdName\":\"REQ_MSG_SERVER\",\"Args\":[]}\n")).as("the page's 0x27").hasSize(0x27);
    }

    @Test
    @DisplayName("Framing: keys in any case, unknown keys (the servers' AnyData) ignored, escapes decoded")
    void keysInAnyCaseAndUnknownKeysIgnored() throws Exception {
        FishChatCommand command = FishChatCodec.decode(utf8(
                "{ \"cmdname\" : \"JOIN_TOPIC\", \"AnyData\": {\"x\": 1}, \"ARGS\": [\"room\\u0031\", \"alice\"] }"));
        assertThat(command).isEqualTo(FishChatCommand.of("JOIN_TOPIC", "room1", "alice"));
    }

    @ParameterizedTest(name = "{1}")
    @DisplayName("Bad input: what is not a command is refused with the reason")
    @CsvSource(delimiter = '|', value = {
            "''|an empty frame",
            "hello|not a JSON object",
            "[1,2]|not a JSON object",
            "{\"CmdName\":\"X\"|not a JSON object",
            "{\"Args\":[]}|no CmdName",
            "{\"CmdName\":7,\"Args\":[]}|a CmdName that is not a string",
            "{\"CmdName\":\"X\"}|no Args",
            "{\"CmdName\":\"X\",\"Args\":null}|no Args",
            "{\"CmdName\":\"X\",\"Args\":\"a\"}|Args that are not an array",
            "{\"CmdName\":\"X\",\"Args\":[\"a\",1]}|an argument that is not a string",
            "{\"CmdName\":\"X\",\"Args\":[[\"a\"]]}|an argument that is not a string"})
    void malformedBodiesAreRefused(String body, String reason) {
        assertThatThrownBy(() -> FishChatCodec.decode(utf8(body)))
                .isInstanceOf(MalformedCommandException.class).hasMessageStartingWith(reason);
    }

    @Test
    @DisplayName("RESP_MESSAGE_P2P: the uuid is a server-made message id with dashes; another id a stable UUID of it")
    void theUuidIsTheMessageIdWithDashes() {
        MessageId made = MessageId.ofText("0f8fad5bd9cb469fa16570867728950e");
        assertThat(FishChatCodec.uuidOf(made)).isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        MessageId chosen = MessageId.ofText("client-chosen-id-not-hex-0000001");
        assertThat(FishChatCodec.uuidOf(chosen)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .isEqualTo(FishChatCodec.uuidOf(MessageId.ofText("client-chosen-id-not-hex-0000001")));
    }
}
