package io.missive.push;

import io.missive.core.MessagingCore;
import io.missive.core.Publication;
import io.missive.core.Refusal;
import io.missive.core.TimedPublishReply;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.SerialExecutor;
import io.missive.repository.ChannelDevices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Consumer;

/**
 * The seed's business put (seed 001, {@code POST /put?channel_id=…&device_type=…} with the message as the
 * body), whichever HTTP stack carries it: the container's ({@code rest.push}) or the connector's {@code put}
 * listener. Checks the parameters and the message, picks the channel's devices, publishes as the system user
 * and answers once the message is stored, with the seed's codes.
 */
@ApplicationScoped
public class BusinessPut {

    /** The seed's device types; 0 (all devices) is a put filter, not a type a device can have. */
    public static final int MAX_DEVICE_TYPE = 6;

    private static final PutAnswer TIMED_OUT = PutAnswer.of(503, PushCode.INTERNAL_ERR, "not stored in time; try again");

    @Inject
    private MessagingCore core;

    @Inject
    private ChannelDevices devices;

    public BusinessPut() {
    }

    /** Outside a container (tests). */
    public BusinessPut(MessagingCore core, ChannelDevices devices) {
        this.core = core;
        this.devices = devices;
    }

    /** The longest message a put takes; an edge reads at most one byte more. */
    public int maxMessageBytes() {
        return core.settings().maxPayloadBytes();
    }

    /**
     * Checks a put and, if it is one, publishes it; {@code answer} gets the one answer on {@code mailbox}
     * (after the commit for a success). Any thread, or a turn of {@code mailbox} on its event loop: picking
     * the devices of one type reads the store, so there that goes on on the mailbox's pool.
     *
     * @param channelId  the {@code channel_id} parameter as sent, null when absent
     * @param deviceType the {@code device_type} parameter as sent, null when absent
     * @param message    the body, at most {@link #maxMessageBytes()} + 1 bytes of it
     */
    public void put(String channelId, String deviceType, byte[] message, SerialExecutor mailbox,
                    Consumer<PutAnswer> answer) {
        long channel = channelId(channelId);
        if (channel <= 0) {
            answer.accept(PutAnswer.of(400, PushCode.CHANNEL_ID_ERR,
                    "channel_id must be a whole number from 1 to " + Long.MAX_VALUE));
            return;
        }
        int type = deviceType(deviceType);
        if (type < 0 || type > MAX_DEVICE_TYPE) {
            answer.accept(PutAnswer.of(400, PushCode.DEVICE_TYPE_ERR,
                    "device_type must be 0 (all) or 1 to " + MAX_DEVICE_TYPE));
            return;
        }
        if (message.length == 0) {
            answer.accept(PutAnswer.of(400, PushCode.MSG_EMPTY, "the body (the message) is empty"));
            return;
        }
        if (message.length > maxMessageBytes()) {
            answer.accept(tooLong(maxMessageBytes()));
            return;
        }
        if (type == 0) {
            publish(new Target.Channel(channel), channel, type, message, mailbox, answer);
        } else if (SerialExecutor.mayBlockHere()) {
            putToType(channel, type, message, mailbox, answer);
        } else {
            SerialExecutor.continueBlockingHere(() -> putToType(channel, type, message, mailbox, answer));
        }
    }

    /** Reads the channel's devices of {@code type} (the store), then publishes to them. */
    private void putToType(long channel, int type, byte[] message, SerialExecutor mailbox, Consumer<PutAnswer> answer) {
        long[] ofType = devices.subscribersOfType(channel, type);
        if (ofType.length == 0) {
            answer.accept(noSubscriber(channel, type));
            return;
        }
        publish(new Target.ChannelPart(channel, ofType), channel, type, message, mailbox, answer);
    }

    private void publish(Target target, long channel, int type, byte[] message, SerialExecutor mailbox,
                         Consumer<PutAnswer> answer) {
        TimedPublishReply<PutAnswer> reply = TimedPublishReply.on(core, mailbox, answer, stored -> PutAnswer.OK,
                (refusal, detail) -> refused(refusal, detail, channel, type), TIMED_OUT);
        core.publishAsSystem(mailbox, Publication.of(MessageId.random(), target, message), reply);
    }

    /** The answer to a message longer than {@code limit} bytes. */
    public static PutAnswer tooLong(int limit) {
        return PutAnswer.of(413, PushCode.MSG_TOO_LONG, "the message is longer than " + limit + " bytes");
    }

    private static PutAnswer refused(Refusal refusal, String detail, long channel, int type) {
        return switch (refusal) {
            case NO_SUBSCRIBER -> noSubscriber(channel, type);
            case PAYLOAD_TOO_LARGE -> PutAnswer.of(413, PushCode.MSG_TOO_LONG, detail);
            case NOT_STORED -> PutAnswer.of(503, PushCode.INTERNAL_ERR, refusal.text());
            default -> PutAnswer.of(400, PushCode.MSG_ERR, refusal.text() + ": " + detail);
        };
    }

    private static PutAnswer noSubscriber(long channel, int type) {
        return PutAnswer.of(404, PushCode.NO_SUB_ERR, "no subscriber on channel " + channel
                + (type == 0 ? "" : " with device_type " + type));
    }

    /** A positive int64, or -1. */
    public static long channelId(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** 0 when absent or blank; the number; -1 when not one. */
    static int deviceType(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
