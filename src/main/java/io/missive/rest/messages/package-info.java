/**
 * Publishing for back ends ({@code POST /api/messages}, answered from a suspended request once the
 * core says the message is committed: {@link io.missive.core.TimedPublishReply}), and history
 * (seed 003): a conversation's stored messages a page at a time.
 */
package io.missive.rest.messages;
