package io.missive.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TcpListenerSettingsTest {

    private static final Map<String, ProtocolSpec> PROTOCOLS = Protocols.ALL.stream()
            .collect(Collectors.toMap(ProtocolSpec::name, Function.identity()));

    private static List<TcpListenerSettings> read(Map<String, String> values) {
        return TcpListenerSettings.readAll(name -> Optional.ofNullable(values.get(name)), PROTOCOLS);
    }

    private static TcpListenerSettings readOne(Map<String, String> values) {
        List<TcpListenerSettings> all = read(values);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void byDefaultAListenerForEachSeedsProtocolOnItsPort() {
        List<TcpListenerSettings> all = read(Map.of());
        assertThat(all).extracting(TcpListenerSettings::name)
                .containsExactly("binary", "text", "mqtt", "msgd", "fishchat-gateway", "fishchat");
        TcpListenerSettings msgd = all.get(3);
        assertThat(msgd.port()).isEqualTo(7897);
        assertThat(msgd.bindAddress()).as("msgd has no credentials: loopback unless configured").isEqualTo("127.0.0.1");
        assertThat(read(Map.of("missive.tcp.listeners", "msgd", "missive.tcp.msgd.bind", "0.0.0.0")).get(0).bindAddress())
                .isEqualTo("0.0.0.0");
        TcpListenerSettings mqtt = all.get(2);
        assertThat(mqtt.protocol()).isEqualTo("mqtt");
        assertThat(mqtt.port()).isEqualTo(1883);
        assertThat(mqtt.trusted()).isFalse();
        TcpListenerSettings text = all.get(1);
        assertThat(text.protocol()).isEqualTo("text");
        assertThat(text.port()).isEqualTo(8600);
        assertThat(text.trusted()).isFalse();
        TcpListenerSettings binary = all.get(0);

        assertThat(binary.name()).isEqualTo("binary");
        assertThat(binary.protocol()).isEqualTo("binary");
        assertThat(binary.port()).isEqualTo(19095);
        assertThat(binary.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(binary.trusted()).isFalse();
        assertThat(binary.tls()).isNull();
        assertThat(binary.transport()).isEqualTo("tcp");
        assertThat(binary.maxConnections()).isEqualTo(10_000);
        assertThat(binary.maxFrameBytes()).isEqualTo(524_288);
        assertThat(binary.idleTimeout()).as("the binary protocol's pings watch liveness").isZero();
        assertThat(binary.outboundLimitBytes()).isEqualTo(4_194_304);
    }

    @Test
    void issue17ListenersLeaveLivenessToTheProtocolsOwnRuleSoThatATextDeviceWithAnHourlyHeartbeatIsNotCut() {
        List<TcpListenerSettings> all = read(Map.of());
        assertThat(all).filteredOn(l -> !l.protocol().equals("fishchat"))
                .allSatisfy(l -> assertThat(l.idleTimeout()).as(l.name()).isZero());
        assertThat(readOne(Map.of("missive.tcp.listeners", "text", "missive.tcp.text.idle-timeout", "2h")).idleTimeout())
                .isEqualTo(Duration.ofHours(2));
        assertThat(readOne(Map.of("missive.tcp.listeners", "binary-trusted", "missive.tcp.binary-trusted.port", "1",
                "missive.tcp.binary-trusted.trusted", "true")).idleTimeout())
                .as("a trusted peer need not log in: nothing else watches it").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void fishChatsListenersAreItsGatewayAndMessageServerOnLoopbackAndTheAndroidClientMayBeSilentHalfAnHour() {
        List<TcpListenerSettings> all = read(Map.of());
        TcpListenerSettings gateway = all.get(4);
        assertThat(gateway.protocol()).as("a name that is a protocol's is that protocol").isEqualTo("fishchat-gateway");
        assertThat(gateway.port()).isEqualTo(17000);
        assertThat(gateway.bindAddress()).isEqualTo("127.0.0.1");
        TcpListenerSettings server = all.get(5);
        assertThat(server.protocol()).isEqualTo("fishchat");
        assertThat(server.port()).isEqualTo(19000);
        assertThat(server.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(server.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(readOne(Map.of("missive.tcp.listeners", "fishchat", "missive.tcp.fishchat.idle-timeout", "0"))
                .idleTimeout()).isZero();
        assertThat(readOne(Map.of("missive.tcp.listeners", "fishchat-internet", "missive.tcp.fishchat-internet.port",
                "19001")).protocol()).isEqualTo("fishchat");
    }

    @Test
    void aTrustedListenerTakesItsProtocolFromItsNameAndBindsToLoopback() {
        List<TcpListenerSettings> all = read(Map.of(
                "missive.tcp.listeners", " binary , binary-trusted ",
                "missive.tcp.binary-trusted.port", "19096",
                "missive.tcp.binary-trusted.trusted", "TRUE"));

        assertThat(all).extracting(TcpListenerSettings::name).containsExactly("binary", "binary-trusted");
        TcpListenerSettings trusted = all.get(1);
        assertThat(trusted.protocol()).isEqualTo("binary");
        assertThat(trusted.port()).isEqualTo(19096);
        assertThat(trusted.trusted()).isTrue();
        assertThat(trusted.bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void everySettingCanBeGiven(@TempDir Path dir) throws IOException {
        Path keystore = Files.write(dir.resolve("server.p12"), new byte[]{1});
        Map<String, String> values = new HashMap<>();
        values.put("missive.tcp.listeners", "devices");
        values.put("missive.tcp.devices.protocol", "Text");
        values.put("missive.tcp.devices.port", "0");
        values.put("missive.tcp.devices.bind", "127.0.0.1");
        values.put("missive.tcp.devices.tls", "true");
        values.put("missive.tcp.devices.tls.keystore", keystore.toString());
        values.put("missive.tcp.devices.tls.keystore-password", "secret");
        values.put("missive.tcp.devices.tls.keystore-type", "JKS");
        values.put("missive.tcp.devices.max-connections", "20");
        values.put("missive.tcp.devices.max-frame-bytes", "1024");
        values.put("missive.tcp.devices.idle-timeout", "0");
        values.put("missive.tcp.devices.outbound-limit-bytes", "65536");

        TcpListenerSettings devices = readOne(values);

        assertThat(devices.protocol()).isEqualTo("text");
        assertThat(devices.port()).isZero();
        assertThat(devices.tls()).isEqualTo(new TcpListenerSettings.TlsSettings(keystore, "secret", "JKS"));
        assertThat(devices.tls().toString()).doesNotContain("secret");
        assertThat(devices.transport()).isEqualTo("tls");
        assertThat(devices.maxConnections()).isEqualTo(20);
        assertThat(devices.maxFrameBytes()).isEqualTo(1024);
        assertThat(devices.idleTimeout()).isZero();
        assertThat(devices.outboundLimitBytes()).isEqualTo(65536);
    }

    @Test
    void noListenersAtAllIsAllowed() {
        assertThat(read(Map.of("missive.tcp.listeners", " , "))).isEmpty();
    }

    @Test
    void badValuesNameTheirSetting() {
        assertRefused(Map.of("missive.tcp.binary.port", "abc"), "missive.tcp.binary.port", "'abc' is not a whole number");
        assertRefused(Map.of("missive.tcp.binary.port", "65536"), "missive.tcp.binary.port", "out of range (0 to 65535)");
        assertRefused(Map.of("missive.tcp.binary.port", "-1"), "missive.tcp.binary.port", "out of range");
        assertRefused(Map.of("missive.tcp.binary.trusted", "yes"), "missive.tcp.binary.trusted", "neither true nor false");
        assertRefused(Map.of("missive.tcp.binary.tls", "1"), "missive.tcp.binary.tls", "neither true nor false");
        assertRefused(Map.of("missive.tcp.binary.max-connections", "0"), "missive.tcp.binary.max-connections",
                "out of range (1 to");
        assertRefused(Map.of("missive.tcp.binary.max-frame-bytes", "3000000000"), "missive.tcp.binary.max-frame-bytes",
                "out of range");
        assertRefused(Map.of("missive.tcp.binary.outbound-limit-bytes", "4MB"), "missive.tcp.binary.outbound-limit-bytes",
                "not a whole number");
        assertRefused(Map.of("missive.tcp.binary.idle-timeout", "soon"), "missive.tcp.binary.idle-timeout",
                "not a duration");
        assertRefused(Map.of("missive.tcp.binary.idle-timeout", "-5s"), "missive.tcp.binary.idle-timeout", "negative");
        assertRefused(Map.of("missive.tcp.binary.protocol", "smtp"), "missive.tcp.binary.protocol",
                "no protocol 'smtp' (known: binary, fishchat, fishchat-gateway, mqtt, msgd, put, text)");
        assertRefused(Map.of("missive.tcp.binary.websocket-path", "ws"), "missive.tcp.binary.websocket-path",
                "not a path such as /ws");
        assertRefused(Map.of("missive.tcp.binary.websocket-path", "/ws?x=1"), "missive.tcp.binary.websocket-path",
                "not a path");
    }

    @Test
    void aWebSocketPathMakesAWebSocketListener() {
        TcpListenerSettings plain = readOne(Map.of("missive.tcp.listeners", "binary"));
        assertThat(plain.webSocketPath()).isNull();
        assertThat(plain.transport()).isEqualTo("tcp");
        TcpListenerSettings ws = readOne(Map.of("missive.tcp.listeners", "binary-ws", "missive.tcp.binary-ws.port", "9096",
                "missive.tcp.binary-ws.websocket-path", "/ws"));
        assertThat(ws.protocol()).isEqualTo("binary");
        assertThat(ws.webSocketPath()).isEqualTo("/ws");
        assertThat(ws.transport()).isEqualTo("ws");
    }

    @Test
    void aListenerNotNamedAfterItsProtocolNeedsAPort() {
        assertRefused(Map.of("missive.tcp.listeners", "binary-trusted"), "missive.tcp.binary-trusted.port",
                "is required");
    }

    @Test
    void tlsNeedsAReadableKeystore() {
        assertRefused(Map.of("missive.tcp.binary.tls", "true"), "missive.tcp.binary.tls.keystore", "is required");
        assertRefused(Map.of("missive.tcp.binary.tls", "true", "missive.tcp.binary.tls.keystore", "/no/such/file.p12"),
                "missive.tcp.binary.tls.keystore", "cannot read '/no/such/file.p12'");
    }

    @Test
    void listenerNamesAndPortsAreChecked() {
        assertRefused(Map.of("missive.tcp.listeners", "binary,Binary"), "missive.tcp.listeners",
                "'Binary' is not a listener name");
        assertRefused(Map.of("missive.tcp.listeners", "binary,binary"), "missive.tcp.listeners", "names 'binary' twice");
        assertRefused(Map.of("missive.tcp.listeners", "binary,binary-2", "missive.tcp.binary-2.port", "19095"),
                "missive.tcp.binary-2.port", "port 19095 is the port of listener 'binary' too");
    }

    @Test
    void severalListenersMayAskForAnyFreePort() {
        assertThat(read(Map.of("missive.tcp.listeners", "binary,binary-2",
                "missive.tcp.binary.port", "0", "missive.tcp.binary-2.port", "0"))).hasSize(2);
    }

    private static void assertRefused(Map<String, String> values, String setting, String why) {
        assertThatThrownBy(() -> read(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting)
                .hasMessageContaining(why);
    }
}
