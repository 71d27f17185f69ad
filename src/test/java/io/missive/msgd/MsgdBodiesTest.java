package io.missive.msgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.core.model.Bytes;
import io.missive.msgd.MsgdBodies.Join;
import io.missive.msgd.MsgdBodies.P2p;
import io.missive.msgd.MsgdBodies.Publish;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The deciphered bodies: what parses, and the precise reason for what does not. */
class MsgdBodiesTest {

    private static final String N31 = "a".repeat(31);
    private static final String N32 = "a".repeat(32);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Bytes bytes(String s) {
        return new Bytes(b(s));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> joinFails(byte[] body) {
        return assertThatThrownBy(() -> MsgdBodies.join(body)).isInstanceOf(MalformedBodyException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("join: [\\x20-\\x7e]+"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> p2pFails(byte[] body) {
        return assertThatThrownBy(() -> MsgdBodies.p2p(body)).isInstanceOf(MalformedBodyException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("p2p: [\\x20-\\x7e]+"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> publishFails(byte[] body) {
        return assertThatThrownBy(() -> MsgdBodies.publish(body)).isInstanceOf(MalformedBodyException.class)
                .satisfies(e -> assertThat(e.getMessage()).matches("publish: [\\x20-\\x7e]+"));
    }

    // ------------------------------------------------------------------ join

    @Test
    void join() throws Exception {
        assertThat(MsgdBodies.join(b("{group=auto,user=test,encrypt=test}")))
                .isEqualTo(new Join("auto", "test", bytes("test")));
        assertThat(MsgdBodies.join(b("{group=" + N31 + ",user=" + N31 + ",encrypt=" + N31 + "}")))
                .isEqualTo(new Join(N31, N31, bytes(N31)));
        assertThat(MsgdBodies.join(b("{group=g,user=u,encrypt=k}")).keyBytes()).isEqualTo(b("k"));
    }

    @Test
    void joinIgnoresBytesOutsideTheBracesAndTakesTheKeyUpToTheLastBrace() throws Exception {
        assertThat(MsgdBodies.join(b("xx{group=g,user=u,encrypt=k}\0\0"))).isEqualTo(new Join("g", "u", bytes("k")));
        assertThat(MsgdBodies.join(b("{group=g,user=u,encrypt=k,}x}"))).isEqualTo(new Join("g", "u", bytes("k,}x")));
        byte[] binaryKey = {'{', 'g', 'r', 'o', 'u', 'p', '=', 'g', ',', 'u', 's', 'e', 'r', '=', 'u', ',',
            'e', 'n', 'c', 'r', 'y', 'p', 't', '=', (byte) 0xFF, 0, '}'};
        assertThat(MsgdBodies.join(binaryKey).keyBytes()).containsExactly(0xFF, 0);
    }

    @Test
    void joinNamesAreUtf8() throws Exception {
        assertThat(MsgdBodies.join(b("{group=zürich,user=日本,encrypt=k}")))
                .isEqualTo(new Join("zürich", "日本", bytes("k")));
        // 31 bytes is the limit, not 31 characters: 11 three-byte characters are 33 bytes
        joinFails(b("{group=g,user=" + "日".repeat(11) + ",encrypt=k}"))
                .hasMessageStartingWith("join: user is 33 bytes, not 1..31: \"\\xe6\\x97\\xa5\\xe6");
        // a long field is shown cut, after 40 bytes
        joinFails(b("{group=" + "b".repeat(50) + ",user=u,encrypt=k}"))
                .hasMessage("join: group is 50 bytes, not 1..31: \"" + "b".repeat(40) + "...\"");
        byte[] latin1 = "{group=z\u00fcrich,user=u,encrypt=k}".getBytes(StandardCharsets.ISO_8859_1);
        joinFails(latin1).hasMessage("join: group is not UTF-8: \"z\\xfcrich\"");
        joinFails(b("{group=a\0b,user=u,encrypt=k}")).hasMessage("join: group holds a NUL byte: \"a\\x00b\"");
    }

    @Test
    void joinNameLengths() {
        joinFails(b("{group=,user=u,encrypt=k}")).hasMessage("join: group is 0 bytes, not 1..31");
        joinFails(b("{group=g,user=,encrypt=k}")).hasMessage("join: user is 0 bytes, not 1..31");
        joinFails(b("{group=" + N32 + ",user=u,encrypt=k}"))
                .hasMessage("join: group is 32 bytes, not 1..31: \"" + N32 + "\"");
        joinFails(b("{group=g,user=" + N32 + ",encrypt=k}")).hasMessageStartingWith("join: user is 32 bytes");
        joinFails(b("{group=g,user=u,encrypt=}")).hasMessage("join: key is 0 bytes, not 1..31");
        joinFails(b("{group=g,user=u,encrypt=" + N32 + "}")).hasMessage("join: key is 32 bytes, not 1..31");
    }

    @Test
    void joinStructure() {
        joinFails(b("group=g,user=u,encrypt=k}")).hasMessage("join: no '{' in 25 bytes");
        joinFails(b("{group=g,user=u,encrypt=k")).hasMessage("join: no '}' after the '{'");
        joinFails(b("}{group=g,user=u,encrypt=k")).hasMessage("join: no '}' after the '{'");
        joinFails(b("")).hasMessage("join: no '{' in 0 bytes");
        joinFails(b("{group=g user=u,encrypt=k}")).hasMessage("join: expected \"user=\" at \"encry\"");
        joinFails(b("{group=g,user=u encrypt=k}")).hasMessage("join: no ',' after the user");
        joinFails(b("{user=u,group=g,encrypt=k}")).hasMessage("join: expected \"group=\" at \"user=u\"");
        joinFails(b("{group=g,user=u,key=k}")).hasMessage("join: expected \"encrypt=\" at \"key=k\"");
        joinFails(b("{}")).hasMessage("join: expected \"group=\" at \"\"");
        joinFails(b("{ group=g,user=u,encrypt=k}")).hasMessage("join: expected \"group=\" at \" group\"");
    }

    // ------------------------------------------------------------------ p2p

    @Test
    void p2p() throws Exception {
        assertThat(MsgdBodies.p2p(b("{auto,dest,20,hello}"))).isEqualTo(new P2p("auto", "dest", 20, bytes("hello")));
        assertThat(MsgdBodies.p2p(b("{g,u,0,x}"))).isEqualTo(new P2p("g", "u", 0, bytes("x")));
        assertThat(MsgdBodies.p2p(b("{g,u,007,x}")).persistSeconds()).isEqualTo(7);
        assertThat(MsgdBodies.p2p(b("{g,u,2147483647,x}")).persistSeconds()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void p2pMessageMayHoldCommasAndBraces() throws Exception {
        assertThat(MsgdBodies.p2p(b("{g,u,1,a,b}c{d}}"))).isEqualTo(new P2p("g", "u", 1, bytes("a,b}c{d}")));
        assertThat(MsgdBodies.p2p(b("{g,u,1,{\"json\":[1,2]}}")).messageBytes()).isEqualTo(b("{\"json\":[1,2]}"));
        byte[] binary = MsgdBodies.p2pBody("g", "u", 1, new byte[] {0, (byte) 0xFF, '}', ','});
        assertThat(MsgdBodies.p2p(binary).messageBytes()).containsExactly(0, 0xFF, '}', ',');
    }

    @Test
    void p2pMessageLength() throws Exception {
        byte[] max = new byte[1024];
        Arrays.fill(max, (byte) 'm');
        assertThat(MsgdBodies.p2p(MsgdBodies.p2pBody("g", "u", 1, max)).messageBytes()).isEqualTo(max);
        p2pFails(MsgdBodies.p2pBody("g", "u", 1, Arrays.copyOf(max, 1025))).hasMessage("p2p: message is 1025 bytes, not 1..1024");
        p2pFails(b("{g,u,1,}")).hasMessage("p2p: message is 0 bytes, not 1..1024");
    }

    @Test
    void p2pFields() {
        p2pFails(b("{,u,1,m}")).hasMessage("p2p: group is 0 bytes, not 1..31");
        p2pFails(b("{g,,1,m}")).hasMessage("p2p: user is 0 bytes, not 1..31");
        p2pFails(b("{" + N32 + ",u,1,m}")).hasMessageStartingWith("p2p: group is 32 bytes, not 1..31");
        p2pFails(b("{g," + N32 + ",1,m}")).hasMessageStartingWith("p2p: user is 32 bytes, not 1..31");
        p2pFails(b("{g,u,,m}")).hasMessage("p2p: persist time is 0 bytes, not 1..31");
        p2pFails(b("{g,u,-1,m}")).hasMessage("p2p: persist time is not a decimal integer >= 0: \"-1\"");
        p2pFails(b("{g,u,+1,m}")).hasMessage("p2p: persist time is not a decimal integer >= 0: \"+1\"");
        p2pFails(b("{g,u, 1,m}")).hasMessage("p2p: persist time is not a decimal integer >= 0: \" 1\"");
        p2pFails(b("{g,u,ten,m}")).hasMessage("p2p: persist time is not a decimal integer >= 0: \"ten\"");
        p2pFails(b("{g,u,2147483648,m}")).hasMessage("p2p: persist time is over 2147483647 seconds: \"2147483648\"");
        p2pFails(b("{g,u," + "1".repeat(32) + ",m}")).hasMessageStartingWith("p2p: persist time is 32 bytes, not 1..31");
    }

    @Test
    void p2pStructure() {
        p2pFails(b("g,u,1,m")).hasMessage("p2p: no '{' in 7 bytes");
        p2pFails(b("{g,u,1,m")).hasMessage("p2p: no '}' after the '{'");
        p2pFails(b("{g u 1 m}")).hasMessage("p2p: no ',' after the group");
        p2pFails(b("{g,u}")).hasMessage("p2p: no ',' after the user");
        p2pFails(b("{g,u,1}")).hasMessage("p2p: no ',' after the persist time");
        p2pFails(b("{g,u,1,m")).hasMessage("p2p: no '}' after the '{'");
    }

    // ------------------------------------------------------------------ publish

    @Test
    void publish() throws Exception {
        assertThat(MsgdBodies.publish(b("{auto,0,hi, all}"))).isEqualTo(new Publish("auto", 0, bytes("hi, all")));
        assertThat(MsgdBodies.publish(MsgdBodies.publishBody("grp", 3600, b("x}")))).isEqualTo(new Publish("grp", 3600, bytes("x}")));
    }

    @Test
    void publishFailures() {
        publishFails(b("{auto,hello}")).hasMessage("publish: no ',' after the persist time");
        publishFails(b("{auto,x,hello}")).hasMessage("publish: persist time is not a decimal integer >= 0: \"x\"");
        publishFails(b("{,1,hello}")).hasMessage("publish: group is 0 bytes, not 1..31");
        publishFails(b("{" + N32 + ",1,hello}")).hasMessageStartingWith("publish: group is 32 bytes");
        publishFails(b("{g,1,}")).hasMessage("publish: message is 0 bytes, not 1..1024");
        publishFails(MsgdBodies.publishBody("g", 1, new byte[1025])).hasMessage("publish: message is 1025 bytes, not 1..1024");
        publishFails(b("auto,1,hello")).hasMessage("publish: no '{' in 12 bytes");
    }

    @Test
    void recordsAreValuesAndShowNoWholeArrays() {
        assertThat(new Join("g", "u", bytes("k"))).isEqualTo(new Join("g", "u", bytes("k")))
                .hasSameHashCodeAs(new Join("g", "u", bytes("k")));
        assertThat(new P2p("g", "u", 1, bytes("m")).toString()).contains("1 byte 6d");
    }
}
