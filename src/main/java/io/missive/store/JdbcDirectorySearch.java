package io.missive.store;

import io.missive.repository.DirectorySearch;
import io.missive.repository.Page;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** {@link DirectorySearch} in SQL, each page and its total in one statement ({@link PagedQuery}). */
@ApplicationScoped
public class JdbcDirectorySearch implements DirectorySearch {

    private static final String MATCHES = "(? = '' OR strpos(lower(%s), lower(?)) > 0 OR %s::text = ?)";
    private static final PagedQuery USERS = new PagedQuery(
            "SELECT uid, username, role, disabled, created_at FROM users WHERE role IN ('user', 'admin') AND "
                    + MATCHES.formatted("username", "uid"), "uid");
    private static final PagedQuery GROUPS = new PagedQuery("""
            SELECT g.id, g.name, g.created_at, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS members
            FROM chat_groups g WHERE""" + " " + MATCHES.formatted("g.name", "g.id"), "id");
    private static final String DEVICE_ROWS = """
            SELECT d.uid, d.serial_no, d.device_type, d.device_name, d.registered_at, u.disabled
            FROM devices d JOIN users u ON u.uid = d.uid""";
    private static final PagedQuery DEVICES = new PagedQuery(DEVICE_ROWS + " WHERE ("
            + MATCHES.formatted("d.serial_no", "d.uid") + " OR strpos(lower(d.device_name), lower(?)) > 0)", "uid");
    private static final PagedQuery DEVICE = new PagedQuery(DEVICE_ROWS + " WHERE d.uid = ?", "uid");

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    @Override
    public Page<UserRow> users(String q, int offset, int limit) {
        return run(USERS, List.of(q, q, q), offset, limit, rs -> new UserRow(rs.getLong("uid"),
                rs.getString("username"), rs.getString("role"), rs.getBoolean("disabled"), instant(rs, "created_at")));
    }

    @Override
    public Page<GroupRow> groups(String q, int offset, int limit) {
        return run(GROUPS, List.of(q, q, q), offset, limit, rs -> new GroupRow(rs.getLong("id"), rs.getString("name"),
                instant(rs, "created_at"), rs.getInt("members")));
    }

    @Override
    public Page<DeviceRow> devices(String q, int offset, int limit) {
        return run(DEVICES, List.of(q, q, q, q), offset, limit, JdbcDirectorySearch::deviceRow);
    }

    @Override
    public Optional<DeviceRow> device(long uid) {
        return run(DEVICE, List.of(uid), 0, 1, JdbcDirectorySearch::deviceRow).items().stream().findFirst();
    }

    private static DeviceRow deviceRow(ResultSet rs) throws SQLException {
        return new DeviceRow(rs.getLong("uid"), rs.getString("serial_no"), rs.getInt("device_type"),
                rs.getString("device_name"), instant(rs, "registered_at"), rs.getBoolean("disabled"));
    }

    private <T> Page<T> run(PagedQuery query, List<Object> parameters, int offset, int limit,
                                       PagedQuery.RowReader<T> reader) {
        try (Connection connection = dataSource.getConnection()) {
            return query.run(connection, parameters, offset, limit, reader);
        } catch (SQLException e) {
            throw new IllegalStateException("searching the directory failed", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
