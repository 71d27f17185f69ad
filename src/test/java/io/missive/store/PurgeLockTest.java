package io.missive.store;

import io.missive.launch.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' purges on a real PostgreSQL: one at a time, each key on its own, released with the transaction. */
class PurgeLockTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.startEphemeral();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void aSecondNodeSkipsThePurgeWhileTheFirstHoldsItAndTakesItOnceItCommitted() throws Exception {
        try (Connection nodeA = open(); Connection nodeB = open()) {
            assertThat(PurgeLock.tryTake(nodeA, PurgeLock.MESSAGES)).isTrue();
            assertThat(PurgeLock.tryTake(nodeB, PurgeLock.MESSAGES)).as("node A purges").isFalse();
            assertThat(PurgeLock.tryTake(nodeB, PurgeLock.MQTT)).as("the other purge is free").isTrue();
            nodeB.rollback();

            nodeA.commit();

            assertThat(PurgeLock.tryTake(nodeB, PurgeLock.MESSAGES)).as("released with A's transaction").isTrue();
            nodeB.commit();
        }
    }

    private static Connection open() throws Exception {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        connection.setAutoCommit(false);
        return connection;
    }
}
