package io.missive.push;

import io.missive.config.SharedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;

/**
 * An answer of the seed's business put, whichever HTTP stack serves it: the status and the seed's
 * {@code {"code":N,"msg":"..."}} body ({@code {"code":0,"msg":"OK","data":null}} on success).
 *
 * @param status the HTTP status
 * @param code   the seed's answer code
 * @param detail what went wrong, after the code's name in {@code msg}; null for OK
 */
public record PutAnswer(int status, PushCode code, String detail) {

    public static final PutAnswer OK = new PutAnswer(200, PushCode.OK, null);

    private static final byte[] OK_BYTES = OK.json().toString().getBytes(StandardCharsets.UTF_8);

    public static PutAnswer of(int status, PushCode code, String detail) {
        return new PutAnswer(status, code, detail);
    }

    public JsonObject json() {
        if (code == PushCode.OK) {
            return SharedJson.PROVIDER.createObjectBuilder().add("code", code.code()).add("msg", code.seedName())
                    .add("data", JsonValue.NULL).build();
        }
        return SharedJson.PROVIDER.createObjectBuilder().add("code", code.code())
                .add("msg", code.seedName() + ": " + detail).build();
    }

    /** The body in UTF-8; the success's is encoded once. */
    public byte[] bytes() {
        return this == OK ? OK_BYTES.clone() : json().toString().getBytes(StandardCharsets.UTF_8);
    }
}
