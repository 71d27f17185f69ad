/**
 * The messaging core: sessions, publishing, routing and at-least-once delivery, shared by
 * every protocol. It knows nothing of WebSocket, TCP, MQTT, JAX-RS or JPA: protocol adapters
 * translate their frames into calls on {@link io.missive.core.MessagingCore} and implement
 * {@link io.missive.core.session.SessionOutbound}; storage is reached through the interfaces
 * of {@code io.missive.core.store}; threads are handed in as {@link java.util.concurrent.Executor}s.
 */
package io.missive.core;
