package io.missive.rest.push;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The body limit of {@code /registration}, which anyone may call (the 413 itself: RegistrationIT). */
class RegistrationBodyLimitTest {

    private static final int LIMIT = 100;

    /** A body that counts what was read from it. */
    private static final class Body extends ByteArrayInputStream {
        Body(int bytes) {
            super(new byte[bytes]);
        }

        int consumed() {
            return pos;
        }
    }

    @Test
    @DisplayName("a body announcing more than the limit is refused unread")
    void anAnnouncedOversizedBodyIsNotRead() throws IOException {
        Body body = new Body(LIMIT + 1);
        assertThat(RegistrationBodyLimit.bodyWithin(LIMIT + 1, body, LIMIT)).isNull();
        assertThat(body.consumed()).isZero();
    }

    @Test
    @DisplayName("a body without a length (chunked) is read one byte past the limit at most, then refused")
    void aChunkedOversizedBodyIsReadOnePastTheLimit() throws IOException {
        Body body = new Body(LIMIT * 1_000);
        assertThat(RegistrationBodyLimit.bodyWithin(-1, body, LIMIT)).isNull();
        assertThat(body.consumed()).isEqualTo(LIMIT + 1);
    }

    @Test
    @DisplayName("a body within the limit comes back whole")
    void aBodyWithinTheLimitPasses() throws IOException {
        InputStream body = new ByteArrayInputStream(new byte[LIMIT]);
        assertThat(RegistrationBodyLimit.bodyWithin(LIMIT, body, LIMIT)).hasSize(LIMIT);
        assertThat(RegistrationBodyLimit.bodyWithin(-1, new ByteArrayInputStream(new byte[0]), LIMIT)).isEmpty();
    }
}
