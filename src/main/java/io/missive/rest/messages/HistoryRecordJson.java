package io.missive.rest.messages;

import io.missive.repository.MessageHistory;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One message of a history page, in the seed's record (003): {@code MsgId}, {@code Feeds} (the
 * conversation: a group id, or the pair {@code "<low uid>:<high uid>"}), {@code SeqId},
 * {@code MsgType} ({@code text} for a UTF-8 payload, given as the string; {@code binary}
 * otherwise, given in base64), {@code From} (the sender's uid), {@code Payload} and
 * {@code TimeCreate} (Unix time in seconds). A class, not a record: the seed's capitalised names
 * are JSON-B properties of fields.
 */
@Schema(name = "HistoryRecord", description = "Seed 003's message record")
@JsonbPropertyOrder({"msgId", "feeds", "seqId", "msgType", "from", "payload", "timeCreate"})
public class HistoryRecordJson {

    static final String TEXT = "text";
    static final String BINARY = "binary";

    @JsonbProperty("MsgId")
    @Schema(name = "MsgId")
    public String msgId;

    @JsonbProperty("Feeds")
    @Schema(name = "Feeds", description = "a group id, or \"user:<uid>\" for two users: the other party, seen from"
            + " the reader (a back end reads as the first uid of the path)")
    public String feeds;

    @JsonbProperty("SeqId")
    @Schema(name = "SeqId")
    public long seqId;

    @JsonbProperty("MsgType")
    @Schema(name = "MsgType", enumeration = {TEXT, BINARY})
    public String msgType;

    @JsonbProperty("From")
    @Schema(name = "From", description = "the sender's uid")
    public String from;

    @JsonbProperty("Payload")
    @Schema(name = "Payload", description = "the text, or base64 for binary")
    public String payload;

    @JsonbProperty("TimeCreate")
    @Schema(name = "TimeCreate", description = "Unix time, seconds")
    public long timeCreate;

    static HistoryRecordJson of(MessageHistory.Entry entry, String feeds) {
        HistoryRecordJson r = new HistoryRecordJson();
        r.msgId = entry.msgId().toText();
        r.feeds = feeds;
        r.seqId = entry.seq();
        r.from = Long.toString(entry.senderUid());
        String text = utf8(entry.payload());
        r.msgType = text == null ? BINARY : TEXT;
        r.payload = text == null ? Base64.getEncoder().encodeToString(entry.payload()) : text;
        r.timeCreate = Math.floorDiv(entry.createdAtMillis(), 1000);
        return r;
    }

    /** The payload as text if it is valid UTF-8, else null. */
    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
