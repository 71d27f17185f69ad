package io.missive.fishchat;

import java.util.List;

/**
 * One FishChat frame: a command name and its string arguments.
 *
 * @param name the {@code CmdName}, as sent
 * @param args the {@code Args}, every one a string
 */
public record FishChatCommand(String name, List<String> args) {

    // client to gateway, and its answer
    public static final String REQ_MSG_SERVER = "REQ_MSG_SERVER";
    public static final String SELECT_MSG_SERVER_FOR_CLIENT = "SELECT_MSG_SERVER_FOR_CLIENT";
    // client to message server
    public static final String SEND_CLIENT_ID = "SEND_CLIENT_ID";
    public static final String SEND_PING = "SEND_PING";
    public static final String SEND_MESSAGE_P2P = "SEND_MESSAGE_P2P";
    public static final String P2P_ACK = "P2P_ACK";
    public static final String CREATE_TOPIC = "CREATE_TOPIC";
    public static final String JOIN_TOPIC = "JOIN_TOPIC";
    public static final String SEND_MESSAGE_TOPIC = "SEND_MESSAGE_TOPIC";
    // message server to client
    public static final String RESP_MESSAGE_P2P = "RESP_MESSAGE_P2P";
    public static final String LOCATE_TOPIC_MSG_ADDR = "LOCATE_TOPIC_MSG_ADDR";
    public static final String RESP_MESSAGE_TOPIC = "RESP_MESSAGE_TOPIC";

    public FishChatCommand {
        args = List.copyOf(args);
    }

    public static FishChatCommand of(String name, String... args) {
        return new FishChatCommand(name, List.of(args));
    }

    /** The argument at {@code index}; the caller has checked {@link #has}. */
    public String arg(int index) {
        return args.get(index);
    }

    /** Whether the command carries at least {@code count} arguments (more are ignored, as the original did). */
    public boolean has(int count) {
        return args.size() >= count;
    }
}
