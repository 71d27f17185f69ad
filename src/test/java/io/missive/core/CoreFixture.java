package io.missive.core;

import io.missive.core.auth.AuthResult;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.model.MemberSet;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.routing.ClusterRelay;
import io.missive.core.session.ClusterPresence;
import io.missive.core.routing.SingleNodeRelay;
import io.missive.core.session.ClientSession;
import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.EventLoop;
import io.missive.core.auth.DeviceAuthenticator;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.Directories;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.UserDirectory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * A core on fakes: users 1 to 9, groups made by the test, tasks run on the calling thread, a
 * manual clock. Protocol connections are tested on it with a {@code io.missive.protocol.RecordingSink}.
 */
public final class CoreFixture {

    public final ManualClock clock = new ManualClock();
    final Map<Long, MemberSet> groups = new HashMap<>();
    /** Member sets cannot be read, as with the database down. */
    public boolean groupsDown;
    /** Member sets are never at hand: every route has to read them, as with a cold cache. */
    public boolean membersNotCached;
    /** Member sets read so far (a group's members, a channel's subscribers). */
    public int memberSetReads;
    final GroupDirectory groupDirectory = new GroupDirectory() {
        @Override
        public Optional<MemberSet> members(long id) {
            memberSetReads++;
            if (groupsDown) {
                throw new IllegalStateException("database down");
            }
            return Optional.ofNullable(groups.get(id));
        }

        @Override
        public Optional<MemberSet> membersAtHand(long id) {
            return membersNotCached ? Optional.empty() : Optional.ofNullable(groups.get(id));
        }
    };
    public final InMemoryMessageStore store = new InMemoryMessageStore(groupDirectory);
    final Map<Long, MemberSet> channels = new HashMap<>();
    final ChannelDirectory channelDirectory = new ChannelDirectory() {
        @Override
        public MemberSet subscribers(long channelId) {
            memberSetReads++;
            return channels.getOrDefault(channelId, MemberSet.of());
        }

        @Override
        public Optional<MemberSet> subscribersAtHand(long channelId) {
            return membersNotCached ? Optional.empty() : Optional.of(channels.getOrDefault(channelId, MemberSet.of()));
        }

        @Override
        public boolean subscribe(long channelId, long uid) {
            if (channelsDown) {
                throw new IllegalStateException("database down");
            }
            MemberSet before = channels.getOrDefault(channelId, MemberSet.of());
            if (before.contains(uid)) {
                return false;
            }
            channels.put(channelId, before.with(uid));
            store.subscribed(uid, channelId);
            return true;
        }

        @Override
        public boolean unsubscribe(long channelId, long uid) {
            MemberSet before = channels.getOrDefault(channelId, MemberSet.of());
            if (!before.contains(uid)) {
                return false;
            }
            channels.put(channelId, before.without(uid));
            store.unsubscribed(uid, channelId);
            return true;
        }
    };
    /** Devices 1 to 9 with token "token-<id>"; the rest are unknown. */
    final DeviceAuthenticator devices = (id, token, required) -> id < 1 || id > 9 ? new AuthResult.Denied()
            : !required || ("token-" + id).equals(token) ? new AuthResult.Accepted(id, "device:" + id)
            : new AuthResult.Denied();
    /** The uids with an account: 1 to 9, and those {@link #addUser added}. */
    final Set<Long> users = new HashSet<>(Set.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L));
    /** Whether the users are cached, as the directory keeps them: else whether one exists is always a read. */
    public boolean usersCached;
    private final UserDirectory userDirectory = new UserDirectory() {
        @Override
        public boolean exists(long uid) {
            return users.contains(uid);
        }

        @Override
        public boolean knownToExist(long uid) {
            return usersCached && users.contains(uid);
        }
    };
    /** Channel subscriptions throw, as with the database down. */
    public boolean channelsDown;
    public final CountingObserver observed = new CountingObserver();
    public final MessagingCore core;

    /** A user's peer over the test transport. */
    /**
     * A transport's event loop that the test thread stands for: it is always "in" it, and what is handed
     * to it runs at once.
     */
    public static final EventLoop CALLERS_LOOP = new EventLoop() {
        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }
    };

    public static Peer peer(String protocol, String address) {
        return new Peer(protocol, "test", address, ConnectionKind.USER);
    }

    /** Counts what the core reports. */
    public static final class CountingObserver implements MessagingObserver {
        public int stored;
        int pushed;
        int pushedLive;
        int resent;
        public int queueOverflows;
        /** The last message stored. */
        public Message lastStored;
        int acknowledged;
        int expired;
        public int loginsBusy;
        public int refusedAwaitingLogin;

        @Override
        public void loginRefusedBusy() {
            loginsBusy++;
        }

        @Override
        public void connectionRefusedAwaitingLogin() {
            refusedAwaitingLogin++;
        }

        @Override
        public void stored(Message message) {
            stored++;
            lastStored = message;
        }

        @Override
        public void pushed(Message message, long nowMillis, boolean live) {
            pushed++;
            pushedLive += live ? 1 : 0;
        }

        @Override
        public void resent() {
            resent++;
        }

        @Override
        public void queueOverflowed() {
            queueOverflows++;
        }

        @Override
        public void acknowledged() {
            acknowledged++;
        }

        @Override
        public void expired(int count) {
            expired += count;
        }
    }

    /**
     * Users 1 to 9 log in as "user&lt;N&gt;" with password "pw"; "disabled" is a disabled account and
     * "unreachable" one the check cannot be made for; anything else is denied.
     */
    private static AuthResult authenticate(String username, String password) {
        if ("disabled".equals(username)) {
            return new AuthResult.Disabled();
        }
        if ("unreachable".equals(username)) {
            return new AuthResult.Unavailable("the user centre does not answer");
        }
        if (username != null && username.matches("user[1-9]") && "pw".equals(password)) {
            return new AuthResult.Accepted(username.charAt(4) - '0', username);
        }
        return new AuthResult.Denied();
    }

    public CoreFixture(DuplicateLoginPolicy policy) {
        this(new CoreSettings(policy, new DeliverySettings(256, 2_000, 3, 2_048, 500), 1_000, 0));
    }

    public CoreFixture(CoreSettings settings) {
        this(settings, new SingleNodeRelay());
    }

    /** A node of a cluster, whose commits reach its sessions through {@code relay}. */
    public CoreFixture(ClusterRelay relay) {
        this(DuplicateLoginPolicy.MULTIPLE, relay, ClusterPresence.NONE);
    }

    /** A node of a cluster, with the other nodes' sessions as {@code presence} tells. */
    public CoreFixture(DuplicateLoginPolicy policy, ClusterRelay relay, ClusterPresence presence) {
        this(new CoreSettings(policy, new DeliverySettings(256, 2_000, 3, 2_048, 500), 1_000, 0), relay, presence);
    }

    private CoreFixture(CoreSettings settings, ClusterRelay relay) {
        this(settings, relay, ClusterPresence.NONE);
    }

    private CoreFixture(CoreSettings settings, ClusterRelay relay, ClusterPresence presence) {
        core = new MessagingCore(store, new Directories(userDirectory, groupDirectory, channelDirectory),
                this::countedAuthenticate, devices, relay, presence,
                new CoreExecutors(this::runOrHold, this::checkOrHold, this::readOrHold, this::pageReadOrHold), clock,
                settings, observed);
    }

    public CoreFixture() {
        this(DuplicateLoginPolicy.REFUSE);
    }

    /** Credential checks made so far (the authenticator's calls, not throttled or refused logins). */
    public int credentialChecks;

    private AuthResult countedAuthenticate(String username, String password) {
        credentialChecks++;
        return authenticate(username, password);
    }

    /**
     * While true, credential checks wait for {@link #runCredentialChecks} instead of running at once, as on
     * a busy credential-check pool; past {@link #credentialCheckPlaces} waiting ones, the pool is full.
     */
    public boolean holdCredentialChecks;
    public int credentialCheckPlaces = Integer.MAX_VALUE;
    private final List<Runnable> heldChecks = new ArrayList<>();

    private void checkOrHold(Runnable check) {
        if (!holdCredentialChecks) {
            check.run();
        } else if (heldChecks.size() >= credentialCheckPlaces) {
            throw new RejectedExecutionException("the credential-check pool is full");
        } else {
            heldChecks.add(check);
        }
    }

    /** Runs the credential checks held so far; answers how many. */
    public int runCredentialChecks() {
        return runAll(heldChecks);
    }

    /** While true, mailbox work waits for {@link #runHeldTasks} instead of running at once: a busy server. */
    public boolean holdTasks;
    private final List<Runnable> held = new ArrayList<>();

    private void runOrHold(Runnable task) {
        if (holdTasks) {
            held.add(task);
        } else {
            task.run();
        }
    }

    /** Runs the mailbox work held so far, and what it hands on, until none is left. */
    public void runHeldTasks() {
        while (!held.isEmpty()) {
            runAll(held);
        }
    }

    /** While true, sessions' reads of their next page of pending messages wait for {@link #runPageReads}. */
    public boolean holdPageReads;
    private final List<Runnable> heldPageReads = new ArrayList<>();

    private void pageReadOrHold(Runnable read) {
        if (holdPageReads) {
            heldPageReads.add(read);
        } else {
            runOrHold(read);
        }
    }

    /** Runs the page reads held so far, and the mailbox work they hand on; answers how many. */
    public int runPageReads() {
        int ran = runAll(heldPageReads);
        runHeldTasks();
        return ran;
    }

    /** Runs the tasks held in {@code held} so far (not those they hold in turn); answers how many. */
    private static int runAll(List<Runnable> held) {
        List<Runnable> now = List.copyOf(held);
        held.clear();
        now.forEach(Runnable::run);
        return now.size();
    }

    /** While true, member-set reads for routes wait for {@link #runMemberSetReads}, as on a busy pool. */
    public boolean holdMemberSetReads;
    private final List<Runnable> heldReads = new ArrayList<>();

    private void readOrHold(Runnable read) {
        if (holdMemberSetReads) {
            heldReads.add(read);
        } else {
            read.run();
        }
    }

    /** Runs the member-set reads held so far; answers how many. */
    public int runMemberSetReads() {
        return runAll(heldReads);
    }

    /** Makes an account for {@code uid}, so that private messages to it are accepted. */
    /** Subscribes {@code uid} to a push channel, as its device's SUB would. */
    public void subscribe(long channelId, long uid) {
        channelDirectory.subscribe(channelId, uid);
    }

    public void addUser(long uid) {
        users.add(uid);
    }

    public void group(long id, long... members) {
        groups.put(id, MemberSet.of(members));
        for (long uid : members) {
            store.joined(uid, id);
        }
    }

    /** Whether {@code uid} is a member of the group {@code id} (false when there is no such group). */
    public boolean isMember(long id, long uid) {
        MemberSet members = groups.get(id);
        return members != null && members.contains(uid);
    }

    /**
     * Adds one member to a group (made when missing), as a join would: the newcomer's cursor starts at
     * the group's newest message; the other members' cursors are left alone.
     */
    public void addMember(long id, long uid) {
        groups.put(id, groups.getOrDefault(id, MemberSet.of()).with(uid));
        store.joined(uid, id);
    }

    /** A client connection: its session and what the core sent it. */
    final class Client {
        final RecordingOutbound out = new RecordingOutbound();
        final ClientSession session;
        final List<String> accepted = new ArrayList<>();
        final List<Refusal> refused = new ArrayList<>();

        Client(long uid) {
            OpenResult result = core.open(uid, "user" + uid, peer("test", Long.toString(uid)), out, core.newMailbox());
            if (!(result instanceof OpenResult.Opened opened)) {
                throw new IllegalStateException("not opened: " + result);
            }
            session = opened.session();
            session.start();
        }

        void send(Target target, String payload) {
            send(target, payload, 0);
        }

        void send(Target target, String payload, long ttlMillis) {
            MessageId id = MessageId.random();
            core.publish(session, Publication.of(id, target, payload.getBytes(StandardCharsets.UTF_8)).withTtl(ttlMillis),
                    new PublishCallback() {
                @Override
                public void accepted(Message stored) {
                    accepted.add(payload);
                }

                @Override
                public void refused(Refusal refusal, String detail) {
                    refused.add(refusal);
                }
            });
        }

        void ackAll() {
            List.copyOf(out.pushes).forEach(m -> session.acknowledge(m.id()));
        }
    }

    Client connect(long uid) {
        return new Client(uid);
    }

    /** Moves the clock on and fires what came due. */
    public void tick(long advanceMillis) {
        clock.advance(advanceMillis);
        core.deadlines().advance(clock.millis());
    }
}
