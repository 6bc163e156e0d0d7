package dev.parley.notifications.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ParleyException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    private static final Instant NOON_UTC = Instant.parse("2026-06-01T12:00:00Z");

    private static Preferences.QuietHours quiet(String start, String end, String zone) {
        return Preferences.QuietHours.parse(start, end, zone);
    }

    @Test
    void unknownCategoriesUseTheDefaultEnabledFromLow() {
        assertTrue(Preferences.NONE.pushes("anything", Priority.LOW, NOON_UTC));
        assertEquals(Preferences.DEFAULT, Preferences.NONE.rule("anything"));
    }

    @Test
    void disabledCategoriesAndLowPrioritiesAreNotPushed() {
        Preferences preferences = new Preferences(Map.of(
                "marketing", new Preferences.CategoryRule(false, Priority.LOW),
                "likes", new Preferences.CategoryRule(true, Priority.HIGH)), Optional.empty());
        assertFalse(preferences.pushes("marketing", Priority.URGENT, NOON_UTC), "disabled means disabled, urgent too");
        assertFalse(preferences.pushes("likes", Priority.NORMAL, NOON_UTC));
        assertTrue(preferences.pushes("likes", Priority.HIGH, NOON_UTC));
        assertTrue(preferences.pushes("likes", Priority.URGENT, NOON_UTC));
        assertTrue(preferences.pushes("chat", Priority.LOW, NOON_UTC));
    }

    @Test
    void quietHoursAreInTheUsersZoneAndMayWrapPastMidnight() {
        Preferences.QuietHours night = quiet("22:00", "07:00", "Europe/Paris");
        // Paris is UTC+2 in June.
        assertTrue(night.contains(Instant.parse("2026-06-01T20:00:00Z")), "22:00 in Paris is quiet");
        assertTrue(night.contains(Instant.parse("2026-06-01T23:30:00Z")), "01:30 in Paris is quiet");
        assertTrue(night.contains(Instant.parse("2026-06-02T04:59:00Z")), "06:59 in Paris is quiet");
        assertFalse(night.contains(Instant.parse("2026-06-02T05:00:00Z")), "07:00 in Paris is not");
        assertFalse(night.contains(Instant.parse("2026-06-01T19:59:00Z")), "21:59 in Paris is not");
        assertFalse(night.contains(NOON_UTC));

        Preferences.QuietHours lunch = quiet("12:00", "13:30", "Asia/Tokyo");
        assertTrue(lunch.contains(Instant.parse("2026-06-01T03:15:00Z")), "12:15 in Tokyo");
        assertFalse(lunch.contains(Instant.parse("2026-06-01T04:30:00Z")), "13:30 in Tokyo is the end, exclusive");
        assertFalse(quiet("09:00", "09:00", "UTC").contains(Instant.parse("2026-06-01T09:00:00Z")), "an empty window");
    }

    @Test
    void onlyUrgentBreaksThroughQuietHours() {
        Preferences preferences = new Preferences(Map.of(), Optional.of(quiet("00:00", "23:59", "UTC")));
        assertFalse(preferences.pushes("alerts", Priority.HIGH, NOON_UTC));
        assertTrue(preferences.pushes("alerts", Priority.URGENT, NOON_UTC));
    }

    @Test
    void daylightSavingIsTheZonesBusiness() {
        Preferences.QuietHours night = quiet("22:00", "07:00", "America/New_York");
        assertTrue(night.contains(Instant.parse("2026-01-15T03:30:00Z")), "22:30 EST (UTC-5)");
        assertFalse(night.contains(Instant.parse("2026-07-15T01:30:00Z")), "21:30 EDT (UTC-4)");
        assertEquals(LocalTime.of(22, 0), night.start());
        assertEquals(ZoneId.of("America/New_York"), night.zone());
    }

    @Test
    void malformedDocumentsAreRefused() {
        assertThrows(ParleyException.class, () -> quiet("25:00", "07:00", "UTC"));
        assertThrows(ParleyException.class, () -> quiet("22:00", "07:00", "Mars/Olympus"));
        assertThrows(ParleyException.class, () -> new Preferences(Map.of("bad category!", Preferences.DEFAULT), Optional.empty()));
        assertThrows(ParleyException.class, () -> Priority.fromWire("critical"));
        assertThrows(ParleyException.class, () -> new NotificationContent("c", Priority.LOW, " ", null, null, null));
        assertThrows(ParleyException.class, () -> new NotificationContent("c", Priority.LOW, "t", null, "javascript:alert(1)", null));
        assertThrows(ParleyException.class, () -> new NotificationContent("c", Priority.LOW, "t", null, "//evil.example", null));
        assertEquals("/inbox", new NotificationContent("c", Priority.LOW, "t", null, "/inbox", null).url());
    }
}
