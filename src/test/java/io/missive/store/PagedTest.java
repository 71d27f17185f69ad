package io.missive.store;

import io.missive.launch.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A paged read on a real PostgreSQL: the rows come through a cursor, and the connection is left as it was. */
class PagedTest {

    private static EmbeddedDatabase database;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.startEphemeral();
        dataSource = database.dataSource();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void rowsAreFetchedAPageAtATimeThroughAnOpenCursorAndTheConnectionIsBackInAutoCommitAfter() throws SQLException {
        int rows = Paged.PAGE_ROWS * 5 / 2;
        try (Connection connection = dataSource.getConnection()) {
            int read = 0;
            long openCursors = -1;
            try (Paged paged = new Paged(connection);
                 PreparedStatement query = paged.prepare("SELECT g FROM generate_series(1, " + rows + ") g");
                 ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    read++;
                    assertThat(rs.getInt(1)).isEqualTo(read);
                    if (read == 1) {
                        openCursors = pagedReads(connection);
                    }
                }
            }
            assertThat(read).isEqualTo(rows);
            // a result read whole leaves no portal behind it; a paged one reads on from it
            assertThat(openCursors).isEqualTo(1);
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(pagedReads(connection)).isZero();
        }
    }

    /** Open cursors of the paged read (the pattern split so that this query does not match itself). */
    private static long pagedReads(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM pg_cursors WHERE statement LIKE '%generate' || '_series%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
