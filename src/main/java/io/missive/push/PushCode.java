package io.missive.push;

/**
 * The push service's answer codes (seed 001), carried as {@code {"code":N,"msg":"..."}} by
 * {@code /registration} and {@code /put} (on the container, and on the connector's {@code put} listener).
 * The seed numbers them per endpoint; 9 is SerialNoErr for registration and NoSubErr for put.
 */
public enum PushCode {
    NOT_FOUND(-1, "NotFound"),
    OK(0, "OK"),
    PARAM_ERR(1, "ParamErr"),
    INTERNAL_ERR(2, "InternalErr"),
    METHOD_ERR(3, "MethodErr"),
    MSG_EMPTY(4, "MsgEmpty"),
    MSG_TOO_LONG(5, "MsgTooLong"),
    MSG_ERR(6, "MsgErr"),
    CHANNEL_ID_ERR(7, "ChannelIdErr"),
    DEVICE_TYPE_ERR(8, "DeviceTypeErr"),
    SERIAL_NO_ERR(9, "SerialNoErr"),
    NO_SUB_ERR(9, "NoSubErr");

    private final int code;
    private final String seedName;

    PushCode(int code, String seedName) {
        this.code = code;
        this.seedName = seedName;
    }

    public int code() {
        return code;
    }

    public String seedName() {
        return seedName;
    }
}
