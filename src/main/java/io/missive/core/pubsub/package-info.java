/**
 * Standard topic publish/subscribe (MQTT's model, without its wire format): topic names and
 * filters with {@code +} and {@code #}, a subscription tree, retained messages, and per-client
 * sessions that deliver with QoS 0, 1 and 2 and keep their state across connections. It speaks
 * only topics, bytes, QoS levels and packet ids; the MQTT adapter ({@code io.missive.mqtt})
 * translates packets into calls here, and {@link io.missive.core.pubsub.PubSubStore} makes
 * persistent sessions and acknowledged messages durable.
 */
package io.missive.core.pubsub;
