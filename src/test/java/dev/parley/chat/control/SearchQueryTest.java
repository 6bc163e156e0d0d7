package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.control.SearchQuery.Range;
import dev.parley.platform.error.ParleyException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    private static SearchQuery query(String q) {
        return new SearchQuery("alice", SearchQuery.terms(q), null, null, null, null, 20, 0);
    }

    @Test
    void onlyWordsOfLettersAndDigitsReachTheDatabase() {
        assertEquals(List.of("deploy", "friday"), SearchQuery.terms("Deploy  FRIDAY deploy"));
        assertEquals(List.of("x", "drop", "table", "1", "b"), SearchQuery.terms("x'); DROP TABLE--1 & | ! :* <b>"));
        assertEquals(List.of("café", "東京", "3"), SearchQuery.terms("Café 東京 3"));
        assertEquals("x:* & drop:* & table:* & 1:* & b:*", query("x'); DROP TABLE--1 & | ! :* <b>").tsquery());
        assertThrows(ParleyException.class, () -> query("!!! ---"), "no word: nothing to search");
        assertThrows(ParleyException.class, () -> SearchQuery.terms(null));
        assertThrows(ParleyException.class, () -> SearchQuery.terms("a b c d e f g h i"), "at most eight words");
        assertThrows(ParleyException.class, () -> SearchQuery.terms("x".repeat(65)));
        assertThrows(ParleyException.class, () -> SearchQuery.terms("y ".repeat(300)));
    }

    @Test
    void highlightsAreWholeWordsThatStartWithATermInUtf16Units() {
        SearchQuery deploy = query("deploy fri");
        String text = "😀 Deployed on Friday, redeploy later";
        List<Range> ranges = deploy.highlights(text);
        assertEquals(List.of(new Range(3, 11), new Range(15, 21)), ranges, "not inside 'redeploy'");
        assertEquals("Deployed", text.substring(3, 11));
        assertEquals("Friday", text.substring(15, 21));
        assertEquals(List.of(), deploy.highlights(""));
    }

    @Test
    void moreMatchesAndThePhraseScoreHigher() {
        SearchQuery q = query("release notes");
        assertTrue(q.score("the release notes are up") > q.score("release the notes"));
        assertTrue(q.score("release notes, release notes") > q.score("release notes"));
    }

    @Test
    void limitsAndDatesAreChecked() {
        List<String> terms = List.of("x");
        assertThrows(ParleyException.class, () -> new SearchQuery("a", terms, null, null, null, null, 0, 0));
        assertThrows(ParleyException.class, () -> new SearchQuery("a", terms, null, null, null, null, 51, 0));
        assertThrows(ParleyException.class, () -> new SearchQuery("a", terms, null, null, null, null, 10, 1001));
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        assertThrows(ParleyException.class, () -> new SearchQuery("a", terms, null, null, now, now, 10, 0));
    }
}
