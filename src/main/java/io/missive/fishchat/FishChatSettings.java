package io.missive.fishchat;

import io.missive.core.session.DuplicateLoginPolicy;

import java.util.Optional;

/**
 * FishChat's rules ({@code missive.fishchat.*}).
 *
 * @param loginTimeoutMillis time a new connection has to log in ({@code SEND_CLIENT_ID}) or, on the
 *                           gateway, to ask for a server
 * @param createUnknown      whether an unknown client id gets an account at its first login; false
 *                           closes such a connection
 * @param requireToken       whether the login must be {@code "<id>:<access token>"} with a token from
 *                           {@code POST /api/auth/login} (for a listener offered to the internet)
 * @param duplicateLogin     what a second login of the same id does: FishChat's own rule replaced the first
 * @param advertisedAddress  the message server's address as clients reach it ({@code host:port}), for the
 *                           gateway's and {@code JOIN_TOPIC}'s answers; empty for the address the client
 *                           connected to
 * @param messageTtlMillis   how long a FishChat client's message waits for its recipients: FishChat kept
 *                           offline messages two days, and a client that never acknowledges gets every
 *                           message it was sent in that time again at each login
 */
public record FishChatSettings(long loginTimeoutMillis, boolean createUnknown, boolean requireToken,
                               DuplicateLoginPolicy duplicateLogin, Optional<String> advertisedAddress,
                               long messageTtlMillis) {

    public static final String LOGIN_TIMEOUT = "missive.fishchat.login-timeout";
    public static final String CREATE_UNKNOWN = "missive.fishchat.create-unknown";
    public static final String REQUIRE_TOKEN = "missive.fishchat.require-token";
    public static final String DUPLICATE_LOGIN = "missive.fishchat.duplicate-login";
    public static final String ADVERTISED_ADDRESS = "missive.fishchat.advertised-address";
    public static final String MESSAGE_TTL = "missive.fishchat.message-ttl";

    public FishChatSettings {
        if (loginTimeoutMillis <= 0) {
            throw new IllegalArgumentException(LOGIN_TIMEOUT + " must be positive");
        }
        if (messageTtlMillis <= 0) {
            throw new IllegalArgumentException(MESSAGE_TTL + " must be positive");
        }
        advertisedAddress.ifPresent(address -> {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException(ADVERTISED_ADDRESS + ": '" + address + "' is not host:port");
            }
        });
    }
}
