/**
 * FishChat's client protocol (seed 004, {@code protocols/fishchat.md}): its gateway, which hands a
 * client a message server's address, and its message server, where a client logs in with its id,
 * sends private and topic messages and joins topics. A frame is a 4-byte length and one JSON
 * command; {@link io.missive.fishchat.FishChatCodec} reads and writes the commands,
 * {@link io.missive.fishchat.FishChatConnection} and {@link io.missive.fishchat.FishChatGatewayConnection}
 * are the state machines on the shared connection base. FishChat never answered a bad command, and
 * its clients take every frame for a message, so nothing here answers one: it is dropped and logged.
 */
package io.missive.fishchat;
