package io.missive.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.protocol.AllocationBound;
import io.missive.protocol.SevereLogs;
import io.missive.protocol.StreamDecoderRun;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer's coverage-guided bytes through an MQTT listener's decoding, as {@code MqttTcpProtocol} sets
 * it up ({@link ConnectPacketLimit}, then Netty's {@link MqttDecoder} with the packet limit), cut as
 * TCP may deliver them, and each packet on into an {@link MqttConnection} on the in-memory fixture
 * (logged in when the input's CONNECT is user1's, as the seeds' are). Nothing throws, in the
 * pipeline or the connection; an undecodable packet closes the connection; the decoding allocates in
 * proportion to the bytes it got, whatever a remaining length announces (but see
 * {@link #DECLARED_FIELDS_PER_READ}).
 */
class MqttDecoderFuzzTest {

    /** Far over any fuzz input, so that a decoder that reserved an announced length would show. */
    private static final int PACKET_LIMIT = 1 << 20;
    private static final int CONNECT_LIMIT = 65_536;
    /**
     * Netty's decoder allocates a CONNECT field's declared length (the will message, the password: at
     * most 65,535 bytes each) before it knows the bytes are there, and again at each read while it
     * waits for them (found by this target: a known limit in docs/reliability.md). So the bound allows
     * that much per piece the input arrives in, on top of what is proportional to the bytes.
     */
    private static final long DECLARED_FIELDS_PER_READ = 3 * 65_535L;

    @RegisterExtension
    static final SevereLogs SEVERE = new SevereLogs();

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code MqttDecoderFuzzTestInputs/anyBytesIntoAConnection}. The input's last 8 bytes choose the cuts.
     */
    @FuzzTest
    void anyBytesIntoAConnection(FuzzedDataProvider data) throws Exception {
        long cutSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();
        int pieces = StreamDecoderRun.randomCuts(stream.length, new Random(cutSeed)).length + 1;
        List<MqttMessage> packets = new AllocationBound(256 * 1024 + pieces * DECLARED_FIELDS_PER_READ, 32)
                .check(stream.length, () -> decoded(stream, cutSeed));
        MqttFixture.Client client = new MqttFixture().client();
        for (MqttMessage packet : packets) {
            if (client.closed()) {
                break;   // the transport reads no more
            }
            client.send(packet);
            if (packet.decoderResult().isFailure()) {
                assertThat(client.closed()).as("closed after %s", packet.decoderResult().cause()).isTrue();
            }
        }
        client.drop();
        SEVERE.assertNone(() -> Arrays.toString(stream));
    }

    /** The packets, a PUBLISH's payload copied off the decoder's buffer as {@code MqttTcpProtocol} does. */
    private static List<MqttMessage> decoded(byte[] stream, long cutSeed) {
        EmbeddedChannel channel = new EmbeddedChannel(new ConnectPacketLimit(CONNECT_LIMIT), new MqttDecoder(PACKET_LIMIT));
        channel.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        List<MqttMessage> packets = new ArrayList<>();
        int from = 0;
        for (int cut : StreamDecoderRun.randomCuts(stream.length, new Random(cutSeed))) {
            channel.writeInbound(Unpooled.wrappedBuffer(stream, from, cut - from));
            from = cut;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(stream, from, stream.length - from));
        channel.checkException();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            if (o instanceof MqttPublishMessage publish) {
                packets.add(new MqttPublishMessage(publish.fixedHeader(), publish.variableHeader(),
                        Unpooled.wrappedBuffer(ByteBufUtil.getBytes(publish.payload()))));
                ReferenceCountUtil.release(publish);
            } else {
                packets.add((MqttMessage) o);
            }
        }
        channel.finishAndReleaseAll();
        return packets;
    }
}
