package dev.parley.platform.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached", however they were wrapped. */
class DatabaseUnavailableTest {

    @Test
    void aConnectionErrorIsFoundAsACauseOrAsASuppressedFailureOfAFailedCommit() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(DatabaseUnavailable.in(new IllegalStateException("wrapped", new RuntimeException(lost))));
        Exception commit = new Exception("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new RuntimeException("IJ001156: Could not commit local transaction", lost));
        assertTrue(DatabaseUnavailable.in(commit), "a failed commit reports the connection error as suppressed");
    }

    @Test
    void otherFailuresAreNotOutages() {
        assertFalse(DatabaseUnavailable.in(new SQLException("duplicate key", "23505")));
        RuntimeException loop = new RuntimeException("self-suppressing");
        RuntimeException other = new RuntimeException("other", loop);
        loop.addSuppressed(other);
        assertFalse(DatabaseUnavailable.in(other), "a cycle of causes and suppressed failures ends");
    }
}
