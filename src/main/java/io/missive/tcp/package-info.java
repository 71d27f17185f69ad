/**
 * The TCP connector: raw TCP listeners inside the WAR, for devices and servers that hold a plain
 * socket. {@link io.missive.tcp.TcpConnector} binds them to the application's lifecycle;
 * {@link io.missive.tcp.TcpServer} runs them on Netty event loops made from the container's
 * threads; each listener ({@link io.missive.tcp.TcpListenerSettings}, from MicroProfile Config)
 * serves one {@link io.missive.tcp.TcpProtocol}, which frames the byte stream and hands inbound
 * traffic to its typed listener. Netty stays inside this package.
 */
package io.missive.tcp;
