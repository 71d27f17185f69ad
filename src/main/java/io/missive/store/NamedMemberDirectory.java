package io.missive.store;

import io.missive.core.store.NamedMembers;
import io.missive.repository.DuplicateEntityException;
import io.missive.repository.Group;
import io.missive.repository.GroupRepository;
import io.missive.repository.UserAccount;
import io.missive.repository.UserRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NamedMembers} on the user and group directories, with the group names in
 * {@code group_names}. Accounts and groups are made through the directories, so that the member
 * sets the delivery path caches follow; two clients making the same name at once end up with one
 * group (the loser's is deleted again).
 */
@ApplicationScoped
public class NamedMemberDirectory implements NamedMembers {

    private static final int MAX_CACHED_NAMES = 100_000;

    @Inject
    private UserRepository users;

    @Inject
    private GroupRepository groups;

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    /** Usernames and registered group names by id, read on every delivery to a client that shows names. */
    private final Map<Long, String> usernames = new ConcurrentHashMap<>();
    private final Map<Long, String> groupNames = new ConcurrentHashMap<>();

    @Override
    public Optional<Member> member(String groupName, String userName, boolean create) {
        Optional<Account> user = account(userName, create);
        Optional<Long> group = group(groupName, create);
        if (user.isEmpty() || group.isEmpty()) {
            return Optional.empty();
        }
        long uid = user.get().uid();
        long groupId = group.get();
        if (!isMember(groupId, uid)) {
            if (!create) {
                return Optional.empty();
            }
            join(groupId, uid);
        }
        return Optional.of(new Member(uid, groupId, user.get().disabled()));
    }

    @Override
    public Optional<Account> account(String userName, boolean create) {
        Optional<UserAccount> user = users.findByUsername(userName);
        if (user.isEmpty() && create) {
            user = Optional.of(createUser(userName));
        }
        return user.map(u -> new Account(u.uid(), u.disabled()));
    }

    @Override
    public void join(long groupId, long uid) {
        // asked of the table, not the cached member set: loading a large group's members for each join
        // would make joining it quadratic
        if (isMember(groupId, uid)) {
            return;
        }
        try {
            groups.addMember(groupId, uid);
        } catch (RuntimeException raced) {
            // another connection of the same user joined at the same moment
            if (!isMember(groupId, uid)) {
                throw raced;
            }
        }
    }

    @Override
    public Optional<String> username(long uid) {
        String known = usernames.get(uid);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = users.find(uid).map(UserAccount::username);
        found.ifPresent(name -> remember(usernames, uid, name));
        return found;
    }

    @Override
    public Optional<String> groupName(long groupId) {
        String known = groupNames.get(groupId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> registered = registeredName(groupId);
        if (registered.isPresent()) {
            remember(groupNames, groupId, registered.get());
            return registered;
        }
        return groups.find(groupId).map(Group::name);   // a label may change: not cached
    }

    @Override
    public Optional<String> usernameAtHand(long uid) {
        return Optional.ofNullable(usernames.get(uid));
    }

    @Override
    public Optional<String> groupNameAtHand(long groupId) {
        return Optional.ofNullable(groupNames.get(groupId));
    }

    /** Keeps a name that never changes; the cache is emptied when full rather than ordered. */
    private static void remember(Map<Long, String> cache, long id, String name) {
        if (cache.size() >= MAX_CACHED_NAMES) {
            cache.clear();
        }
        cache.put(id, name);
    }

    private UserAccount createUser(String userName) {
        try {
            return users.create(userName, null, "user");
        } catch (DuplicateEntityException raced) {
            return users.findByUsername(userName).orElseThrow(() -> raced);
        }
    }

    @Override
    public Optional<Long> group(String name, boolean create) {
        Optional<Long> found = find(name);
        if (found.isPresent() || !create) {
            return found;
        }
        long made = groups.create(name).id();
        if (register(name, made)) {
            return Optional.of(made);
        }
        groups.delete(made);   // lost the race for the name: the winner's group is the one
        return find(name);
    }

    private boolean isMember(long groupId, long uid) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM group_members WHERE group_id = ? AND uid = ?")) {
            select.setLong(1, groupId);
            select.setLong(2, uid);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the membership of " + uid + " in group " + groupId + " failed", e);
        }
    }

    private Optional<String> registeredName(long groupId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT name FROM group_names WHERE group_id = ?")) {
            select.setLong(1, groupId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the name of group " + groupId + " failed", e);
        }
    }

    private Optional<Long> find(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT group_id FROM group_names WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the group named " + name + " failed", e);
        }
    }

    private boolean register(String name, long groupId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO group_names (name, group_id) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setLong(2, groupId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("naming group " + groupId + " " + name + " failed", e);
        }
    }
}
