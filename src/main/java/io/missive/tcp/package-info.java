/**
 * The TCP connector: raw TCP (and WebSocket) listeners inside the WAR, for devices and servers that
 * hold a socket. {@link io.missive.tcp.TcpConnector} binds them to the application's lifecycle;
 * {@link io.missive.tcp.TcpServer} runs them on Netty event loops made from the container's threads;
 * each listener ({@link io.missive.tcp.TcpListenerSettings}, from MicroProfile Config) serves one
 * {@link io.missive.tcp.TcpProtocol}, which adds the protocol's framing and codec in front of the one
 * {@link io.missive.tcp.ConnectionHandler} every protocol shares, writing through a
 * {@link io.missive.tcp.ChannelSink}. {@link io.missive.tcp.WebSocketStream} runs the same pipeline in an
 * embedded channel for a stream protocol on the container's WebSocket. Netty's channels stay here.
 */
package io.missive.tcp;
