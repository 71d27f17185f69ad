package io.missive.core;

/** Why the core refuses a publish. Each protocol maps it to its own answer. */
public enum Refusal {
    UNKNOWN_RECIPIENT("no such user"),
    NOT_A_MEMBER("the sender is not a member of the group"),
    UNKNOWN_GROUP("no such group"),
    PAYLOAD_TOO_LARGE("payload over the limit"),
    NOT_ALLOWED("not allowed"),
    NO_SUBSCRIBER("no subscriber on the channel"),
    NOT_STORED("the message could not be stored; try again later");

    private final String text;

    Refusal(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
