package io.missive;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.missive.core.session.SessionOutbound;
import io.missive.core.timer.Tickable;
import io.missive.protocol.ProtocolConnection;
import io.missive.transport.Inbound;
import jakarta.json.spi.JsonProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the layers honest: the core stays free of technology, adapters stay out of each other. */
class ArchitectureTest {

    private static final String[] REST_FEATURES = {"io.missive.rest.users..", "io.missive.rest.groups..",
            "io.missive.rest.messages..", "io.missive.rest.push..", "io.missive.rest.auth.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.missive");
    }

    @Test
    void theCoreKnowsNoTechnologyAndNoWireFormat() {
        noClasses().that().resideInAPackage("io.missive.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "javax.persistence..", "javax.sql..", "java.sql..", "java.net.http..",
                        "io.netty..", "org.hibernate..", "org.flywaydb..", "org.eclipse.microprofile..",
                        "io.missive.binary..", "io.missive.mqtt..", "io.missive.text..", "io.missive.msgd..",
                        "io.missive.fishchat..", "io.missive.protocol..", "io.missive.websocket..", "io.missive.transport..", "io.missive.tcp..",
                        "io.missive.rest..", "io.missive.store..", "io.missive.auth..", "io.missive.runtime..")
                .because("protocols and storage adapt to the core, never the other way round")
                .check(classes);
    }

    @Test
    void protocolAdaptersDoNotKnowTheirTransportOrStorage() {
        noClasses().that().resideInAPackage("io.missive.binary..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "io.netty..", "io.missive.websocket..", "io.missive.tcp..", "io.missive.store..",
                        "io.missive.rest..", "io.missive.runtime..")
                .because("the binary protocol runs on WebSocket and on TCP alike")
                .check(classes);
    }

    @Test
    void transportsDoNotReachIntoStorage() {
        noClasses().that().resideInAnyPackage("io.missive.websocket..", "io.missive.transport..", "io.missive.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage("io.missive.store..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    void onlyTheTcpConnectorAndStreamDecodersKnowNetty() {
        noClasses().that().resideOutsideOfPackages("io.missive.tcp..", "io.missive.text..", "io.missive.msgd..",
                        "io.missive.mqtt..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("the sockets are the TCP connector's business; protocols see Sink and Inbound,"
                        + " except a stream protocol's decoder, which is a Netty decoder (the text protocol's and"
                        + " msgd's), and"
                        + " MQTT, whose packets are Netty's MQTT codec's on every transport")
                .check(classes);
        noClasses().that().resideInAPackage("io.missive.text..")
                .and().doNotHaveSimpleName("TextCommandDecoder")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("only the text protocol's stream decoder needs Netty; its connection writes to a Sink")
                .check(classes);
        noClasses().that().resideInAPackage("io.missive.msgd..")
                .and().doNotHaveSimpleName("MsgdFrameDecoder")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .because("only msgd's stream decoder needs Netty; its connection writes to a Sink")
                .check(classes);
    }

    @Test
    void mqttKeepsToItsCodecAndTheCores() {
        noClasses().that().resideInAPackage("io.missive.mqtt..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.missive.store..", "io.missive.rest..", "io.missive.runtime..", "io.missive.tcp..",
                        "io.missive.websocket..", "io.missive.binary..", "io.missive.text..", "jakarta.persistence..",
                        "jakarta.websocket..", "io.netty.channel.socket..", "io.netty.handler.ssl..")
                .because("MQTT's session logic exists once, for TCP and WebSocket alike; storage is the core's interface")
                .check(classes);
    }

    @Test
    void theCoresPublishSubscribeEngineSpeaksNoWireFormat() {
        noClasses().that().resideInAPackage("io.missive.core.pubsub..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "io.missive.mqtt..")
                .because("it speaks topics, bytes and QoS levels; MQTT's packets are the adapter's")
                .check(classes);
    }

    @Test
    void onlyTheStoreKnowsJpaAndJdbc() {
        noClasses().that().resideOutsideOfPackage("io.missive.store..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..", "javax.sql..")
                .because("SQL and the persistence context stay behind the repository interfaces")
                .check(classes);
    }

    @Test
    void onlyOneClassNamesMicroProfileMetrics() {
        noClasses().that().haveNameNotMatching("io\\.missive\\.monitoring\\.MicroProfileMetrics(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.microprofile.metrics..")
                .because("WildFly has no MicroProfile Metrics: the binding is optional, loaded only where the API is"
                        + " (TrafficMetrics), and every other class must deploy without it")
                .check(classes);
    }

    @Test
    void theEdgesUseTheStoresInterfacesOnly() {
        noClasses().that().resideInAnyPackage(
                        "io.missive.rest..", "io.missive.admin..", "io.missive.auth..", "io.missive.monitoring..",
                        "io.missive.push..")
                .should().dependOnClassesThat().resideInAPackage("io.missive.store..")
                .because("REST, admin, auth, monitoring and the push service work on io.missive.repository's and the core's interfaces"
                        + " and records; entities and the Jpa/Jdbc implementations are the store's")
                .check(classes);
    }

    @Test
    void restSecurityAndErrorsKnowNoFeature() {
        noClasses().that().resideInAnyPackage("io.missive.rest.security..", "io.missive.rest.errors..")
                .should().dependOnClassesThat().resideInAnyPackage(REST_FEATURES)
                .because("every feature uses them; they serve all features alike")
                .check(classes);
    }

    @Test
    void restFeaturesStandApartExceptForPublishing() {
        for (String feature : REST_FEATURES) {
            noClasses().that().resideInAPackage(feature)
                    .should().dependOnClassesThat().resideInAnyPackage(java.util.Arrays.stream(REST_FEATURES)
                            .filter(f -> !f.equals(feature) && !f.equals("io.missive.rest.messages..")).toArray(String[]::new))
                    .because("a feature package is one part of the API; publishing (rest.messages) is the one shared path")
                    .check(classes);
        }
    }

    @Test
    void jsonGoesThroughTheOneSharedProvider() {
        noClasses().that().doNotHaveFullyQualifiedName("io.missive.config.SharedJson")
                .should().callMethodWhere(target(owner(assignableTo(jakarta.json.Json.class))))
                .orShould().callMethodWhere(target(name("provider")).and(target(owner(assignableTo(JsonProvider.class)))))
                .because("jakarta.json.Json's static factories look the provider up through a ServiceLoader on every"
                        + " call: use io.missive.config.SharedJson.PROVIDER")
                .check(classes);
    }

    @Test
    void thePushServiceKnowsNoHttpStack() {
        noClasses().that().resideInAPackage("io.missive.push..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws..", "jakarta.servlet..", "io.netty..",
                        "io.missive.rest..", "io.missive.tcp..")
                .because("the container's /put and the connector's put listener share it")
                .check(classes);
    }

    @Test
    void restResourcesDoNotTouchTransportsOrProtocols() {
        noClasses().that().resideInAPackage("io.missive.rest..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.missive.websocket..", "io.missive.binary..", "io.missive.transport..", "io.missive.tcp..",
                        "io.missive.mqtt..", "io.missive.msgd..", "io.missive.fishchat..")
                .check(classes);
    }

    @Test
    void theSharedConnectionBaseKnowsNoTransportAndNoProtocol() {
        noClasses().that().resideInAnyPackage("io.missive.protocol..", "io.missive.transport..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "jakarta..", "io.netty..", "io.missive.tcp..", "io.missive.websocket..", "io.missive.binary..",
                        "io.missive.text..", "io.missive.mqtt..", "io.missive.msgd..", "io.missive.fishchat..",
                        "io.missive.store..", "io.missive.rest..")
                .because("one connection lifecycle serves every protocol on every transport")
                .check(classes);
    }

    @Test
    void everyProtocolConnectionIsBuiltOnTheSharedBase() {
        classes().that().resideInAnyPackage("io.missive.binary..", "io.missive.text..", "io.missive.mqtt..",
                        "io.missive.msgd..", "io.missive.fishchat..")
                .and().implement(Inbound.class)
                .should().beAssignableTo(ProtocolConnection.class)
                .because("the login deadline, backpressure, the guard and the close are written once, in ProtocolConnection")
                .check(classes);
        for (Class<?> contract : new Class<?>[]{SessionOutbound.class, Tickable.class}) {
            classes().that().resideInAnyPackage("io.missive.binary..", "io.missive.text..", "io.missive.mqtt..",
                        "io.missive.msgd..", "io.missive.fishchat..")
                    .and().implement(contract)
                    .should().beAssignableTo(ProtocolConnection.class)
                    .because("a protocol's timers and its outbound to the core go through ProtocolConnection")
                    .check(classes);
        }
    }

    @Test
    void fishChatKeepsToItsCodecAndTheCores() {
        noClasses().that().resideInAPackage("io.missive.fishchat..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty..", "io.missive.store..", "io.missive.auth..", "io.missive.rest..", "io.missive.runtime..",
                        "io.missive.binary..", "io.missive.text..", "io.missive.mqtt..", "io.missive.msgd..")
                .because("FishChat's connection reaches accounts, groups and tokens through the core's interfaces")
                .check(classes);
    }

    @Test
    void protocolsDoNotKnowTheirTransports() {
        noClasses().that().resideInAnyPackage("io.missive.binary..", "io.missive.text..", "io.missive.mqtt..",
                        "io.missive.msgd..", "io.missive.fishchat..", "io.missive.protocol..")
                .and().doNotHaveSimpleName("TextCommandDecoder")
                .and().doNotHaveSimpleName("MsgdFrameDecoder")
                .and().doNotHaveSimpleName("ConnectPacketLimit")   // MQTT's stream limit in front of Netty's decoder
                .should().dependOnClassesThat().resideInAnyPackage("io.missive.tcp..", "io.missive.websocket..",
                        "io.netty.channel..", "jakarta.websocket..")
                .because("a protocol runs unchanged on TCP, the connector's WebSocket and the container's")
                .check(classes);
    }

    @Test
    void onlyTheTransportsFeedAConnection() {
        noClasses().that().doNotHaveSimpleName("ConnectionHandler")
                .and().doNotHaveSimpleName("WebSocketStream")
                .and().doNotHaveSimpleName("FrameWebSocketEndpoint")
                .should().callMethod(Inbound.class, "onMessage", Object.class)
                .because("on TCP one connection handler serves every protocol; on the container's WebSocket one endpoint")
                .check(classes);
    }
}
