package io.missive.core;

import io.missive.core.session.SerialExecutor;
import io.missive.core.store.NamedMembers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link NamedMembers} over the core fixture, for the protocols that name users and groups (msgd,
 * FishChat): "userN" is uid N (1 to 9), unknown names get accounts from uid 10 and groups from id
 * 1000 on request; groups and memberships are the fixture's, so that the core fans out to them.
 */
public final class InMemoryNames implements NamedMembers {

    private final CoreFixture fixture;
    public final Map<String, Long> groupIds = new HashMap<>();
    public final Map<String, Long> uids = new HashMap<>();
    public final Set<String> disabled = new HashSet<>();
    /** Every call throws, as with the database down. */
    public boolean failing;
    /** How often a member, group or account was looked up by name. */
    public int lookups;
    /** Reads made where nothing may block (a mailbox's turn on its event loop): there should be none. */
    public int readsOnAnEventLoop;
    /** The uids and group ids whose names were read, and so are at hand, as the directory caches them. */
    private final Set<Long> usernamesRead = new HashSet<>();
    private final Set<Long> groupNamesRead = new HashSet<>();
    private long nextGroup = 1_000;
    private long nextUid = 10;

    public InMemoryNames(CoreFixture fixture) {
        this.fixture = fixture;
        for (long uid = 1; uid <= 9; uid++) {
            uids.put("user" + uid, uid);
        }
    }

    /** Registers the group {@code id} under {@code name}, with these members. */
    public void group(String name, long id, long... members) {
        groupIds.put(name, id);
        fixture.group(id, members);
    }

    @Override
    public Optional<Member> member(String groupName, String userName, boolean create) {
        check();
        lookups++;
        Optional<Long> group = group(groupName, create);
        if (group.isEmpty()) {
            return Optional.empty();
        }
        Optional<Account> account = account(userName, create);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        long uid = account.get().uid();
        if (!fixture.isMember(group.get(), uid)) {
            if (!create) {
                return Optional.empty();
            }
            fixture.addMember(group.get(), uid);
        }
        return Optional.of(new Member(uid, group.get(), account.get().disabled()));
    }

    @Override
    public Optional<Long> group(String name, boolean create) {
        check();
        Long id = groupIds.get(name);
        if (id == null && create) {
            id = nextGroup++;
            group(name, id);
        }
        return Optional.ofNullable(id);
    }

    @Override
    public Optional<Account> account(String userName, boolean create) {
        check();
        Long uid = uids.get(userName);
        if (uid == null) {
            if (!create) {
                return Optional.empty();
            }
            uid = nextUid++;
            uids.put(userName, uid);
            fixture.addUser(uid);
        }
        return Optional.of(new Account(uid, disabled.contains(userName)));
    }

    @Override
    public void join(long groupId, long uid) {
        check();
        if (!fixture.isMember(groupId, uid)) {
            fixture.addMember(groupId, uid);
        }
    }

    @Override
    public Optional<String> username(long uid) {
        if (!usernamesRead.contains(uid)) {
            check();   // once read, a name is cached, as the directory keeps it
            usernamesRead.add(uid);
        }
        return nameOf(uids, uid);
    }

    @Override
    public Optional<String> groupName(long groupId) {
        if (!groupNamesRead.contains(groupId)) {
            check();
            groupNamesRead.add(groupId);
        }
        return nameOf(groupIds, groupId);
    }

    @Override
    public Optional<String> usernameAtHand(long uid) {
        return usernamesRead.contains(uid) ? nameOf(uids, uid) : Optional.empty();
    }

    @Override
    public Optional<String> groupNameAtHand(long groupId) {
        return groupNamesRead.contains(groupId) ? nameOf(groupIds, groupId) : Optional.empty();
    }

    private static Optional<String> nameOf(Map<String, Long> ids, long id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst();
    }

    private void check() {
        if (!SerialExecutor.mayBlockHere()) {
            readsOnAnEventLoop++;
        }
        if (failing) {
            throw new IllegalStateException("database down");
        }
    }
}
