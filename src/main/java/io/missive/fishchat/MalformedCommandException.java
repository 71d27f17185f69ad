package io.missive.fishchat;

/** A frame that is not a FishChat command; the message says what is wrong with it, for the log. */
public final class MalformedCommandException extends Exception {

    public MalformedCommandException(String reason) {
        super(reason, null, false, false);
    }
}
