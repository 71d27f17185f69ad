package io.missive.it;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks that a listener of a protocol without credentials binds 127.0.0.1 only, as its default says. */
final class LoopbackOnly {

    private LoopbackOnly() {
    }

    /**
     * What the listener bound, as its start line logged it (holds on any machine), and, for every
     * other address the machine has, that nothing answers on the port there.
     */
    static void assertListenerBindsLoopbackOnly(MissiveServer server, String listener, int port) throws IOException {
        try (var lines = Files.lines(server.logFile())) {
            assertThat(lines.filter(line -> line.contains("MSV5003 TCP listener '" + listener + "'")))
                    .as("the %s listener's start line", listener).isNotEmpty()
                    .allMatch(line -> line.endsWith(" on 127.0.0.1:" + port));
        }
        for (InetAddress address : otherAddresses()) {
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                }
            }).as("%s's port on %s", listener, address).isInstanceOf(ConnectException.class);
        }
    }

    private static List<InetAddress> otherAddresses() throws SocketException {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp() && !nic.isLoopback()) {
                nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                        && !(a instanceof Inet6Address v6 && v6.getScopeId() != 0)).forEach(others::add);
            }
        }
        return others;
    }
}
