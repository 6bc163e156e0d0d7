package dev.parley.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void admitsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(20, 40, 0);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (bucket.tryAcquire(0)) {
                admitted++;
            }
        }
        assertEquals(40, admitted);
        assertFalse(bucket.tryAcquire(SECOND / 40));
        assertTrue(bucket.tryAcquire(SECOND / 20));
        int afterOneSecond = 0;
        while (bucket.tryAcquire(SECOND + SECOND / 20)) {
            afterOneSecond++;
        }
        assertEquals(20, afterOneSecond);
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(20, 40, 0);
        int admitted = 0;
        while (bucket.tryAcquire(3600 * SECOND)) {
            admitted++;
        }
        assertEquals(40, admitted);
    }

    @Test
    void sustainedRateIsHonoured() {
        TokenBucket bucket = new TokenBucket(20, 40, 0);
        int admitted = 0;
        // 100 frames per second for 10 seconds: the burst plus 20 per second.
        for (int i = 0; i < 1000; i++) {
            if (bucket.tryAcquire(i * SECOND / 100)) {
                admitted++;
            }
        }
        assertTrue(admitted >= 40 + 199 && admitted <= 40 + 200, "admitted " + admitted);
    }
}
