package io.missive.core;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.Target;
import io.missive.core.routing.Router;
import io.missive.core.session.SerialExecutor;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.AppendListener;
import io.missive.core.store.MessageStore;

import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one path of a publish, whichever edge it comes from (a session, the system user, a back end): the
 * checks, the draft, the store's append, then, once committed, the answer on the sender's executor and
 * the routing to the recipients; refused with the reason otherwise. {@link MessagingCore}'s publish
 * methods say who publishes.
 */
final class PublishPath {

    private static final Logger LOG = Logger.getLogger(PublishPath.class.getName());

    private final PublishChecks checks;
    private final MessageStore store;
    private final Router router;
    private final InstantSource clock;
    private final CoreSettings settings;
    private final MessagingObserver observer;

    PublishPath(PublishChecks checks, MessageStore store, Router router, InstantSource clock, CoreSettings settings,
                MessagingObserver observer) {
        this.checks = checks;
        this.store = store;
        this.router = router;
        this.clock = clock;
        this.settings = settings;
        this.observer = observer;
    }

    /**
     * Who publishes.
     *
     * @param membersOnly     whether a group target needs the sender to be a member
     * @param originSessionId the sending session, which does not get its own message back; 0 for none
     * @param replyOn         where the callback runs
     */
    record Sender(long uid, boolean membersOnly, long originSessionId, Executor replyOn) {
    }

    /**
     * Checks and appends one publication; the callback runs on the sender's executor (its loop when the
     * callback never blocks). On an event loop, checks that must read go on on the pool first.
     */
    void publish(Sender sender, Publication publication, PublishCallback callback) {
        long senderUid = sender.uid();
        Executor replyOn = callback.mayBlock() ? sender.replyOn() : SerialExecutor.forNonBlocking(sender.replyOn());
        byte[] payload = publication.payload();
        Target checked;
        try {
            checked = checks.check(senderUid, sender.membersOnly(), publication.target(), payload,
                    SerialExecutor.mayBlockHere());
        } catch (PublishChecks.WouldBlock w) {
            // on an event loop, and the checks must read the directory: they go on on the pool
            SerialExecutor.continueBlockingHere(() -> publish(sender, publication, callback));
            return;
        } catch (PublishChecks.Refused r) {
            replyOn.execute(() -> callback.refused(r.refusal, r.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV1005 Could not check a publish from uid " + senderUid, e);
            replyOn.execute(() -> callback.refused(Refusal.NOT_STORED, "directory unavailable"));
            return;
        }
        long now = clock.millis();
        long ttl = publication.ttlMillis() > 0 ? publication.ttlMillis() : settings.defaultTtlMillis();
        MessageDraft draft = new MessageDraft(publication.id(), senderUid, checked, payload, now,
                ttl > 0 ? now + ttl : 0, publication.clientMsgId());
        store.append(draft, new AppendListener() {
            @Override
            public void stored(Message message) {
                observer.stored(message);
                replyOn.execute(() -> callback.accepted(message));
                router.route(message, sender.originSessionId());
            }

            @Override
            public void alreadyStored(Message existing) {
                // routed when it was stored: recipients have it, or have it pending
                replyOn.execute(() -> callback.accepted(existing));
            }

            @Override
            public void failed(Throwable cause) {
                LOG.log(Level.WARNING, "MSV1006 Could not store a message from uid " + senderUid, cause);
                replyOn.execute(() -> callback.refused(Refusal.NOT_STORED, Refusal.NOT_STORED.text()));
            }
        });
    }
}
