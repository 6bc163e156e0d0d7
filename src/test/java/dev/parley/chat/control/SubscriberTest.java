package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.testing.FakeTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriberTest {

    private final FakeTransport transport = FakeTransport.instant();
    private final Connection connection = transport.connection("c1", "bob", Channel.CHAT, 1000);
    private final Subscriber subscriber = new Subscriber(connection, 100);

    private static Subscriber.Replay replay(String conversation, long seq) {
        return new Subscriber.Replay(conversation, seq, conversation + "#" + seq);
    }

    private void live(String conversation, long seq) {
        subscriber.live(conversation, seq, conversation + "#" + seq);
    }

    @Test
    void liveMessagesWaitForTheFirstResume() {
        live("room:a", 5);
        live("room:a", 6);
        assertEquals(List.of(), transport.written());
        subscriber.startResume();
        subscriber.finishResume(List.of(replay("room:a", 3), replay("room:a", 4), replay("room:a", 5)), List.of("resumed"));
        assertEquals(List.of("room:a#3", "room:a#4", "room:a#5", "resumed", "room:a#6"), transport.written(),
                "replay first, then the reply, then held live messages not already replayed");
    }

    @Test
    void withoutAResumeHeldMessagesFlowAfterTheGrace() {
        live("room:a", 1);
        subscriber.stopAwaitingResume();
        live("room:a", 2);
        assertEquals(List.of("room:a#1", "room:a#2"), transport.written());
    }

    @Test
    void aFirstFrameOtherThanResumeReleasesWhatWaitsAtOnce() {
        live("room:a", 1);
        subscriber.frameArrived("resume");
        assertEquals(List.of(), transport.written(), "a resume coming first keeps live messages waiting for its replay");
        Subscriber other = new Subscriber(connection, 100);
        other.live("room:b", 1, "room:b#1");
        other.frameArrived("join");
        assertEquals(List.of("room:b#1"), transport.written(), "a client that does not catch up first gets live messages at once");
        other.live("room:b", 2, "room:b#2");
        other.frameArrived("resume");
        other.live("room:b", 3, "room:b#3");
        assertEquals(List.of("room:b#1", "room:b#2", "room:b#3"), transport.written());
    }

    @Test
    void liveDuplicatesAreDropped() {
        subscriber.stopAwaitingResume();
        live("room:a", 1);
        live("room:a", 1);
        live("room:a", 2);
        live("room:b", 1);
        assertEquals(List.of("room:a#1", "room:a#2", "room:b#1"), transport.written());
    }

    @Test
    void aLaterResumeFillsTheGapBeforeWhatCameLive() {
        subscriber.stopAwaitingResume();
        live("room:a", 10);
        live("room:a", 11);
        subscriber.startResume();
        live("room:a", 12);
        subscriber.finishResume(List.of(replay("room:a", 8), replay("room:a", 9), replay("room:a", 10), replay("room:a", 11)),
                List.of("resumed"));
        live("room:a", 12);
        live("room:a", 13);
        assertEquals(List.of("room:a#10", "room:a#11", "room:a#8", "room:a#9", "resumed", "room:a#12", "room:a#13"), transport.written(),
                "each message exactly once");
    }

    @Test
    void tooManyHeldMessagesCloseTheSocket() {
        for (int seq = 1; seq <= 101; seq++) {
            live("room:a", seq);
        }
        assertEquals(List.of(), transport.written());
        assertEquals(1013, transport.closedWith());
    }

    @Test
    void messagesAheadOfAGapWaitForTheMissingOnes() {
        subscriber.stopAwaitingResume();
        subscriber.position("room:a", 4);
        live("room:a", 4);
        assertEquals(false, subscriber.live("room:a", 5, "room:a#5"));
        assertEquals(true, subscriber.live("room:a", 7, "room:a#7"), "7 waits for 6");
        assertEquals(5, subscriber.gapAfter("room:a"));
        assertEquals(false, subscriber.live("room:a", 6, "room:a#6"), "6 closes the gap");
        assertEquals(-1, subscriber.gapAfter("room:a"));
        assertEquals(List.of("room:a#5", "room:a#6", "room:a#7"), transport.written(), "4 was known from welcome; the rest in order");
    }

    @Test
    void aGapIsFilledFromTheDatabaseOnlyWithWhatIsMissing() {
        subscriber.stopAwaitingResume();
        subscriber.position("room:a", 0);
        live("room:a", 1);
        live("room:a", 4);
        live("room:a", 3);
        assertEquals(1, subscriber.gapAfter("room:a"));
        assertEquals(false, subscriber.fill("room:a", List.of(replay("room:a", 2), replay("room:a", 3), replay("room:a", 4))));
        live("room:a", 5);
        assertEquals(List.of("room:a#1", "room:a#2", "room:a#3", "room:a#4", "room:a#5"), transport.written());
    }

    @Test
    void aResumeClosesTheGapItCovers() {
        subscriber.position("room:a", 2);
        subscriber.startResume();
        subscriber.finishResume(List.of(), List.of("resumed"));
        live("room:a", 5);
        subscriber.startResume();
        subscriber.finishResume(List.of(replay("room:a", 3), replay("room:a", 4)), List.of("resumed"));
        live("room:a", 6);
        assertEquals(List.of("resumed", "room:a#3", "room:a#4", "room:a#5", "resumed", "room:a#6"), transport.written(),
                "the replay closes the gap, and 5 follows at once");
    }

    @Test
    void theWelcomePositionKeepsLateLiveMessagesOutOfTheStream() {
        subscriber.position("room:a", 7);
        subscriber.startResume();
        live("room:a", 7);
        subscriber.finishResume(List.of(replay("room:a", 6), replay("room:a", 7)), List.of("resumed"));
        live("room:a", 8);
        assertEquals(List.of("room:a#6", "room:a#7", "resumed", "room:a#8"), transport.written());
    }
}
