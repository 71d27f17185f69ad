package io.missive.core.auth;

/**
 * Why a login is refused, whatever the protocol: each protocol turns it into its own answer in
 * one exhaustive switch (the binary protocol's CONNECT_ACK code, MQTT's CONNACK return code, the
 * text protocol's error, an HTTP status).
 */
public enum LoginFailure {
    /** Wrong username, password, token or device id. */
    BAD_CREDENTIALS("bad credentials"),
    /** The account exists but is disabled. */
    DISABLED("the account is disabled"),
    /** The check could not be made (user centre unreachable, database down). */
    UNAVAILABLE("the login cannot be checked now"),
    /** The user is connected already and the duplicate-login policy refuses another session. */
    DUPLICATE("connected already");

    private final String text;

    LoginFailure(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
