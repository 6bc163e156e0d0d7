package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Browser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web UI in real headless Chromium (Debian's chromium and chromedriver), against the deployed
 * WAR: two users in two browsers, the notification bell, rendering of hostile text, and recovery
 * after the socket is cut. Screenshots of the main states go to {@code target/screenshots}.
 */
class WebUiIT extends AgainstDeployment {

    @BeforeEach
    void needsABrowser() {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("SKIPPED WebUiIT: " + reason);
            org.junit.jupiter.api.Assumptions.abort(reason);
        });
    }

    private String user(String prefix) {
        String name = Api.uniqueUser(prefix);
        assertEquals(201, api.register(name, "password-" + name).status());
        return name;
    }

    /** Signs in through the login page and waits for the chat view to be connected. */
    private void signIn(Browser browser, String name) {
        signIn(browser, name, "password-" + name);
    }

    private void signIn(Browser browser, String name, String password) {
        WebDriver driver = browser.driver();
        driver.get(http.resolve("login").toString());
        driver.findElement(By.name("username")).sendKeys(name);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[value=login]")).click();
        browser.await(d -> d.findElement(By.id("me")).getText().equals(name));
        browser.await(d -> d.findElement(By.id("connection-banner")).getAttribute("hidden") != null);
    }

    /** Clicks a conversation in the list, again if the list was drawn anew meanwhile (the element went stale). */
    private static void openConversation(Browser browser, String conversation) {
        browser.await(d -> {
            d.findElement(By.cssSelector("button[data-conversation='" + conversation + "']")).click();
            return true;
        });
    }

    private static WebElement conversationButton(Browser browser, String conversation) {
        return browser.await(d -> d.findElements(By.cssSelector("button[data-conversation='" + conversation + "']")).stream().findFirst().orElse(null));
    }

    private static List<String> texts(WebDriver driver) {
        return driver.findElements(By.cssSelector("#messages article.message:not(.pending) .text")).stream().map(WebElement::getText).toList();
    }

    private static void type(WebDriver driver, String text) {
        WebElement composer = driver.findElement(By.id("composer-text"));
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
    }

    @Test
    void twoUsersInTwoBrowsersSeeTextAndAnImageLive() throws Exception {
        String alice = user("ui-alice");
        String bob = user("ui-bob");
        String slug = "ui-" + UUID.randomUUID().toString().substring(0, 8);
        Path image = Path.of("target", "ui", "red-square.png");
        Files.createDirectories(image.getParent());
        BufferedImage square = new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB);
        var graphics = square.createGraphics();
        graphics.setColor(new Color(220, 40, 60));
        graphics.fillRect(0, 0, 48, 48);
        graphics.dispose();
        ImageIO.write(square, "png", image.toFile());

        try (Browser aliceBrowser = Browser.start(); Browser bobBrowser = Browser.start()) {
            signIn(aliceBrowser, alice);
            WebDriver a = aliceBrowser.driver();
            a.findElement(By.id("room-slug")).sendKeys(slug);
            a.findElement(By.cssSelector("#create-room button[type=submit]")).click();
            aliceBrowser.await(d -> d.findElement(By.id("conversation-title")).getText().equals("#" + slug));

            signIn(bobBrowser, bob);
            WebDriver b = bobBrowser.driver();
            b.findElement(By.id("browse-rooms")).click();
            bobBrowser.await(d -> d.findElements(By.xpath("//ul[@id='room-directory']//li[contains(., '#" + slug + "')]//button")).stream()
                    .findFirst().orElse(null)).click();
            bobBrowser.await(d -> d.findElement(By.id("conversation-title")).getText().equals("#" + slug));

            type(a, "Hello Bob, here is the logo");
            a.findElement(By.id("file-input")).sendKeys(image.toAbsolutePath().toString());
            aliceBrowser.await(d -> d.findElement(By.id("previews")).getText().contains("ready"));
            a.findElement(By.cssSelector("#composer button[type=submit]")).click();

            bobBrowser.await(d -> texts(d).contains("Hello Bob, here is the logo"));
            WebElement img = bobBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message .files img[alt='red-square.png']"))
                    .stream().findFirst().orElse(null));
            bobBrowser.await(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth === 48", img));
            aliceBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message.own")).size() == 2
                    && d.findElements(By.cssSelector("#messages article.pending")).isEmpty());
            assertEquals(1, b.findElements(By.xpath("//article[contains(@class,'message')]//p[text()='Hello Bob, here is the logo']")).size(),
                    "shown once");

            WebElement composer = b.findElement(By.id("composer-text"));
            composer.sendKeys("Nice!");
            aliceBrowser.await(d -> d.findElement(By.id("typing")).getText().equals(bob + " is typing…"));
            composer.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            composer.sendKeys("Line two");
            composer.sendKeys(Keys.ENTER);
            aliceBrowser.await(d -> texts(d).contains("Nice!\nLine two"));
            aliceBrowser.await(d -> d.findElement(By.id("typing")).getText().isEmpty());
            aliceBrowser.await(d -> d.findElement(By.cssSelector("#messages .day")).getText().equals("Today"));
            bobBrowser.await(d -> d.findElements(By.cssSelector("#messages .seen")).stream().anyMatch(e -> e.getText().contains("Seen by " + alice)));
            b.navigate().refresh();
            bobBrowser.await(d -> d.findElements(By.cssSelector("#messages .seen")).stream().anyMatch(e -> e.getText().contains("Seen by " + alice)));
            aliceBrowser.screenshot("chat-alice");
            bobBrowser.screenshot("chat-bob-image");
            b.manage().window().setSize(new Dimension(390, 844));
            bobBrowser.screenshot("chat-phone-width");
        }
    }

    @Test
    void theBellCountsADirectMessageThatArrivesWhileAnotherConversationIsOpen() {
        String carol = user("ui-carol");
        String dave = user("ui-dave");
        try (Browser browser = Browser.start()) {
            signIn(browser, dave);
            WebDriver d = browser.driver();
            d.findElement(By.id("room-slug")).sendKeys("bell-" + UUID.randomUUID().toString().substring(0, 8));
            d.findElement(By.cssSelector("#create-room button[type=submit]")).click();
            browser.await(x -> x.findElement(By.id("conversation-title")).getText().startsWith("#bell-"));

            String carolToken = api.token(carol, "password-" + carol);
            String dm = "dm:" + (carol.compareTo(dave) < 0 ? carol + ":" + dave : dave + ":" + carol);
            Api.Reply sent = api.post("api/conversations/" + dm + "/messages", Api.json("text", "are you there?", "clientMsgId", "bell-1"),
                    "Authorization", bearer(carolToken));
            assertEquals(201, sent.status(), sent.body());

            conversationButton(browser, dm);
            browser.await(x -> x.findElements(By.cssSelector("button[data-conversation='" + dm + "'] .badge")).stream()
                    .anyMatch(badge -> badge.getText().equals("1")));
            browser.await(x -> "1".equals(x.findElement(By.id("bell")).getAttribute("data-unread")));
            assertEquals("1", d.findElement(By.id("bell-count")).getText());
            d.findElement(By.id("bell")).click();
            WebElement item = browser.await(x -> x.findElements(By.cssSelector("#notification-list li.notification.unread")).stream().findFirst().orElse(null));
            assertTrue(item.getText().contains(carol), item.getText());
            browser.screenshot("bell-open");
            item.findElement(By.tagName("button")).click();
            browser.await(x -> "0".equals(x.findElement(By.id("bell")).getAttribute("data-unread")));
        }
    }

    @Test
    void hostileTextIsShownLiterallyAndRunsNothing() {
        // (The server refuses notification URLs that are not http(s) or a path; the UI would not link them either.)
        String eve = user("ui-eve");
        String payload = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        try (Browser browser = Browser.start()) {
            signIn(browser, eve);
            WebDriver d = browser.driver();
            d.findElement(By.id("room-slug")).sendKeys("xss-" + UUID.randomUUID().toString().substring(0, 8));
            d.findElement(By.cssSelector("#create-room button[type=submit]")).click();
            browser.await(x -> x.findElement(By.id("conversation-title")).getText().startsWith("#xss-"));
            type(d, payload);
            browser.await(x -> texts(x).contains(payload));

            String publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(202, api.post("api/notifications", "{\"to\":{\"users\":[\"" + eve + "\"]},\"title\":"
                    + jsonString(payload) + ",\"body\":" + jsonString(payload) + "}", "Authorization", publisher).status());
            d.findElement(By.id("bell")).click();
            WebElement item = browser.await(x -> x.findElements(By.cssSelector("#notification-list li.notification")).stream()
                    .filter(e -> e.getText().contains("<script>")).findFirst().orElse(null));
            assertTrue(d.findElements(By.cssSelector("#messages img[src='x'], #notification-list img")).isEmpty(), "no element was created");
            assertEquals("Parley", d.getTitle(), "no script ran");
            browser.screenshot("hostile-text");
        }
    }

    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void afterTheSocketIsCutTheBannerComesAndGoesAndNothingIsLostOrDoubled() {
        String gina = user("ui-gina");
        String hank = user("ui-hank");
        String slug = "cut-" + UUID.randomUUID().toString().substring(0, 8);
        String hankToken = api.token(hank, "password-" + hank);
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", bearer(hankToken)).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", gina), "Authorization", bearer(hankToken)).status());
        String room = "room:" + slug;
        try (Browser browser = Browser.start()) {
            signIn(browser, gina);
            WebDriver d = browser.driver();
            openConversation(browser, room);
            browser.await(x -> x.findElement(By.id("conversation-title")).getText().equals("#" + slug));
            api.post("api/conversations/" + room + "/messages", Api.json("text", "before the cut", "clientMsgId", "cut-0"),
                    "Authorization", bearer(hankToken));
            browser.await(x -> texts(x).contains("before the cut"));

            String admin = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(204, api.post("api/admin/users/" + gina + "/disconnect", "", "Authorization", admin).status());
            for (int i = 1; i <= 3; i++) {
                api.post("api/conversations/" + room + "/messages", Api.json("text", "meanwhile " + i, "clientMsgId", "cut-" + i),
                        "Authorization", bearer(hankToken));
            }
            browser.await(x -> !"0".equals(x.findElement(By.id("connection-banner")).getAttribute("data-shown")));
            browser.await(x -> x.findElement(By.id("connection-banner")).getAttribute("hidden") != null);
            browser.await(x -> texts(x).contains("meanwhile 3"));
            List<String> shown = texts(d);
            assertEquals(List.of("before the cut", "meanwhile 1", "meanwhile 2", "meanwhile 3"), shown, "none lost, none doubled, in order");
            browser.screenshot("after-reconnect");
        }
    }

    @Test
    void whereWebSocketsAreBlockedTheUiChatsOverTheStreamAndResumesAfterACut() {
        String ivy = user("ui-ivy");
        String jack = user("ui-jack");
        String slug = "blocked-" + UUID.randomUUID().toString().substring(0, 8);
        String jackToken = api.token(jack, "password-" + jack);
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", bearer(jackToken)).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", ivy), "Authorization", bearer(jackToken)).status());
        String room = "room:" + slug;
        try (Browser browser = Browser.start()) {
            browser.blockWebSockets();
            signIn(browser, ivy);
            WebDriver d = browser.driver();
            browser.await(x -> "stream".equals(x.findElement(By.tagName("body")).getAttribute("data-transport")));
            assertTrue(d.findElement(By.id("me")).getAttribute("title").contains("HTTP streaming"), "the transport is in the tooltip");
            openConversation(browser, room);
            browser.await(x -> x.findElement(By.id("conversation-title")).getText().equals("#" + slug));

            api.post("api/conversations/" + room + "/messages", Api.json("text", "to a blocked network", "clientMsgId", "blk-0"),
                    "Authorization", bearer(jackToken));
            browser.await(x -> texts(x).contains("to a blocked network"));
            type(d, "from a blocked network");
            browser.await(x -> texts(x).contains("from a blocked network"));
            Api.Reply history = api.get("api/conversations/" + room + "/messages?limit=10", "Authorization", bearer(jackToken));
            assertTrue(history.body().contains("from a blocked network"), "the other user has it: " + history.body());

            String admin = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(202, api.post("api/notifications", Api.json("to", jakarta.json.Json.createObjectBuilder()
                    .add("users", jakarta.json.Json.createArrayBuilder().add(ivy)).build(), "title", "over the stream"),
                    "Authorization", admin).status());
            browser.await(x -> "1".equals(x.findElement(By.id("bell")).getAttribute("data-unread")));

            int shown = Integer.parseInt(d.findElement(By.id("connection-banner")).getAttribute("data-shown"));
            assertEquals(204, api.post("api/admin/users/" + ivy + "/disconnect", "", "Authorization", admin).status());
            for (int i = 1; i <= 3; i++) {
                api.post("api/conversations/" + room + "/messages", Api.json("text", "while cut " + i, "clientMsgId", "blk-" + i),
                        "Authorization", bearer(jackToken));
            }
            browser.await(x -> Integer.parseInt(x.findElement(By.id("connection-banner")).getAttribute("data-shown")) > shown);
            browser.await(x -> x.findElement(By.id("connection-banner")).getAttribute("hidden") != null);
            browser.await(x -> texts(x).contains("while cut 3"));
            assertEquals(List.of("to a blocked network", "from a blocked network", "while cut 1", "while cut 2", "while cut 3"), texts(d),
                    "none lost, none doubled, in order");
            assertEquals("stream", d.findElement(By.tagName("body")).getAttribute("data-transport"));
            browser.screenshot("fallback-after-cut");
        }
    }

    @Test
    void aWrongPasswordIsExplainedOnTheLoginPage() {
        try (Browser browser = Browser.start()) {
            WebDriver d = browser.driver();
            d.get(http.resolve("").toString());
            browser.await(x -> x.getCurrentUrl().endsWith("/login"));
            assertEquals("Sign in · Parley", d.getTitle(), "pages are read as UTF-8");
            d.findElement(By.name("username")).sendKeys("nobody-" + UUID.randomUUID().toString().substring(0, 6));
            d.findElement(By.name("password")).sendKeys("wrong-password");
            d.findElement(By.cssSelector("button[value=login]")).click();
            browser.await(x -> x.findElement(By.id("auth-error")).getText().contains("Wrong username or password"));
            browser.screenshot("login-error");
        }
    }

    @Test
    void preferencesAreSavedFromTheirPage() {
        String ivy = user("ui-ivy");
        try (Browser browser = Browser.start()) {
            signIn(browser, ivy);
            WebDriver d = browser.driver();
            d.get(http.resolve("preferences").toString());
            WebElement enabled = browser.await(x -> x.findElements(By.cssSelector("#categories input[name=enabled]")).stream().findFirst().orElse(null));
            enabled.click();
            d.findElement(By.id("quiet-enabled")).click();
            d.findElement(By.cssSelector("#preferences button[type=submit]")).click();
            browser.await(x -> x.findElement(By.id("preferences-status")).getText().equals("Saved."));
            browser.screenshot("preferences");
        }
        var saved = api.get("api/me/preferences", "Authorization", bearer(api.token(ivy, "password-" + ivy))).json();
        assertEquals(false, saved.getJsonObject("categories").getJsonObject("chat").getBoolean("enabled"));
        assertEquals("22:00", saved.getJsonObject("quietHours").getString("start"));
    }

    @Test
    void theLiveTickerFollowsATopicAndPublishersCanPostFromThePage() {
        String jack = user("ui-jack");
        try (Browser browser = Browser.start()) {
            signIn(browser, AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD);
            WebDriver d = browser.driver();
            d.get(http.resolve("live").toString());
            browser.await(x -> x.findElement(By.id("publisher")).isDisplayed());
            browser.await(x -> x.findElements(By.cssSelector("#ticker li[data-topic='prices:EURUSD']")).size() == 1);
            String publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(202, api.post("api/topics/prices:EURUSD", "{\"data\":{\"price\":1.0917}}", "Authorization", publisher).status());
            browser.await(x -> x.findElement(By.cssSelector("#ticker li[data-topic='prices:EURUSD'] .value")).getText().equals("1.0917"));

            WebElement form = d.findElement(By.id("publish-notification"));
            form.findElement(By.name("to")).sendKeys(jack);
            form.findElement(By.name("title")).sendKeys("Market closes early");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(x -> x.findElement(By.id("publish-status")).getText().equals("Sent to 1 recipient(s)."));
            browser.screenshot("live");
        }
        var inbox = api.get("api/notifications", "Authorization", bearer(api.token(jack, "password-" + jack))).json();
        assertEquals("Market closes early", inbox.getJsonArray("notifications").getJsonObject(0).getString("title"));
    }

    @Test
    void readingNotificationsInOneTabClearsTheBellInTheOther() {
        String kim = user("ui-kim");
        String publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
        try (Browser first = Browser.start(); Browser second = Browser.start()) {
            signIn(first, kim);
            signIn(second, kim);
            for (String title : List.of("Build failed", "Build fixed")) {
                assertEquals(202, api.post("api/notifications", "{\"to\":{\"users\":[\"" + kim + "\"]},\"title\":\"" + title
                        + "\",\"priority\":\"high\"}", "Authorization", publisher).status());
            }
            for (Browser tab : List.of(first, second)) {
                tab.await(x -> "2".equals(x.findElement(By.id("bell")).getAttribute("data-unread")));
            }
            first.driver().findElement(By.id("bell")).click();
            first.await(x -> x.findElements(By.cssSelector("#notification-list li.notification.priority-high")).size() == 2);
            first.driver().findElement(By.id("read-all")).click();
            second.await(x -> "0".equals(x.findElement(By.id("bell")).getAttribute("data-unread")));
            assertTrue(second.driver().findElement(By.id("bell-count")).getAttribute("hidden") != null);
        }
    }

    @Test
    void olderMessagesLoadOnScrollAndFilesCanBeDroppedOrPasted() {
        String lena = user("ui-lena");
        String slug = "scroll-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(lena, "password-" + lena));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        for (int i = 1; i <= 70; i++) {
            assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", "old " + i, "clientMsgId", "o-" + i),
                    "Authorization", token).status());
        }
        try (Browser browser = Browser.start()) {
            signIn(browser, lena);
            WebDriver d = browser.driver();
            openConversation(browser, "room:" + slug);
            browser.await(x -> texts(x).size() >= 50 && texts(x).get(texts(x).size() - 1).equals("old 70"));
            ((JavascriptExecutor) d).executeScript("document.getElementById('messages').scrollTop = 0;"
                    + "document.getElementById('messages').dispatchEvent(new Event('scroll'));");
            browser.await(x -> texts(x).size() == 70);
            assertEquals("old 1", texts(d).get(0), "the oldest on top, in order");

            // A file dropped on the message pane, and one pasted into the composer, as the browser would hand them over.
            ((JavascriptExecutor) d).executeScript(
                    "const drop = new DataTransfer(); drop.items.add(new File(['dropped text'], 'dropped.txt', {type: 'text/plain'}));"
                    + "document.getElementById('messages').dispatchEvent(new DragEvent('drop', {dataTransfer: drop, bubbles: true, cancelable: true}));"
                    + "const paste = new DataTransfer(); paste.items.add(new File(['pasted text'], 'pasted.txt', {type: 'text/plain'}));"
                    + "document.getElementById('composer-text').dispatchEvent(new ClipboardEvent('paste', {clipboardData: paste, bubbles: true, cancelable: true}));");
            browser.await(x -> x.findElement(By.id("previews")).getText().contains("dropped.txt: ready")
                    && x.findElement(By.id("previews")).getText().contains("pasted.txt: ready"));
            d.findElement(By.cssSelector("#composer button[type=submit]")).click();
            WebElement files = browser.await(x -> x.findElements(By.cssSelector("#messages article.message.own:not(.pending) .files")).stream()
                    .findFirst().orElse(null));
            assertEquals(List.of("dropped.txt", "pasted.txt"), files.findElements(By.tagName("a")).stream()
                    .map(a -> a.getAttribute("download")).toList(), "other files are download links");
            browser.screenshot("history-and-files");
        }
    }

    @Test
    void messagesAreEditedReactedToAndDeletedFromTheUiAndTheOtherBrowserFollows() {
        String alice = user("ui-editor");
        String bob = user("ui-reactor");
        String slug = "edit-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(alice, "password-" + alice));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", bob), "Authorization", token).status());
        try (Browser aliceBrowser = Browser.start(); Browser bobBrowser = Browser.start()) {
            signIn(aliceBrowser, alice);
            signIn(bobBrowser, bob);
            WebDriver a = aliceBrowser.driver();
            WebDriver b = bobBrowser.driver();
            openConversation(aliceBrowser, "room:" + slug);
            openConversation(bobBrowser, "room:" + slug);

            type(a, "See you at the meting");
            bobBrowser.await(d -> texts(d).contains("See you at the meting"));
            aliceBrowser.await(d -> !d.findElements(By.cssSelector("#messages article.message.own[data-seq]")).isEmpty());
            a.findElement(By.id("composer-text")).sendKeys(Keys.ARROW_UP); // as in Slack: Up edits your last message
            WebElement editor = aliceBrowser.await(d -> d.findElements(By.cssSelector("#messages textarea.editor")).stream().findFirst().orElse(null));
            editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), "See you at the <b>meeting</b>", Keys.ENTER);
            bobBrowser.await(d -> texts(d).contains("See you at the <b>meeting</b>"));
            bobBrowser.await(d -> d.findElement(By.cssSelector("#messages article.message .edited")).getText().equals("(edited)"));
            assertTrue(b.findElements(By.cssSelector("#messages article.message b")).isEmpty(), "edited text is text, never HTML");

            WebElement message = b.findElement(By.cssSelector("#messages article.message[data-seq='1']"));
            new Actions(b).moveToElement(message).perform();
            message.findElement(By.cssSelector(".actions button[aria-label='Add a reaction']")).click();
            bobBrowser.await(d -> d.findElement(By.cssSelector("#messages .picker button[aria-label='React with 👍']"))).click();
            WebElement thumbs = aliceBrowser.await(d -> d.findElements(By.cssSelector("#messages .reactions button")).stream()
                    .filter(r -> r.getText().equals("👍 1")).findFirst().orElse(null));
            assertEquals("false", thumbs.getAttribute("aria-pressed"));
            thumbs.click(); // alice joins bob's reaction
            bobBrowser.await(d -> d.findElements(By.cssSelector("#messages .reactions button.mine")).stream().anyMatch(r -> r.getText().equals("👍 2")));
            aliceBrowser.await(d -> d.findElement(By.cssSelector("#messages .reactions button")).getAttribute("aria-pressed").equals("true"));
            bobBrowser.screenshot("chat-edited-and-reacted");

            WebElement own = a.findElement(By.cssSelector("#messages article.message.own[data-seq='1']"));
            new Actions(a).moveToElement(own).perform();
            own.findElement(By.xpath(".//div[@class='actions']/button[text()='Delete']")).click();
            a.switchTo().alert().accept();
            bobBrowser.await(d -> d.findElement(By.cssSelector("#messages article.message.deleted .tombstone")).getText().equals("Message deleted"));
            assertTrue(b.findElements(By.cssSelector("#messages .reactions")).isEmpty(), "a deleted message has no reactions");
            b.navigate().refresh();
            openConversation(bobBrowser, "room:" + slug);
            bobBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message.deleted")).size() == 1
                    && texts(d).equals(List.of("Message deleted")));
            bobBrowser.screenshot("chat-deleted");
        }
    }

    @Test
    void aReplyInAThreadShowsInItsPanelAndAsACountUnderItsFirstMessage() {
        String alice = user("ui-asker");
        String bob = user("ui-helper");
        String slug = "thread-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(alice, "password-" + alice));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", bob), "Authorization", token).status());
        assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", "Where are the release notes?",
                "clientMsgId", "t-1"), "Authorization", token).status());
        try (Browser aliceBrowser = Browser.start(); Browser bobBrowser = Browser.start()) {
            signIn(aliceBrowser, alice);
            signIn(bobBrowser, bob);
            WebDriver a = aliceBrowser.driver();
            WebDriver b = bobBrowser.driver();
            openConversation(aliceBrowser, "room:" + slug);
            openConversation(bobBrowser, "room:" + slug);

            WebElement question = bobBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message[data-seq='1']")).stream()
                    .findFirst().orElse(null));
            new Actions(b).moveToElement(question).perform();
            question.findElement(By.xpath(".//div[@class='actions']/button[text()='Reply']")).click();
            WebElement reply = bobBrowser.await(d -> d.findElement(By.id("thread-text")));
            reply.sendKeys("In the wiki, under Releases", Keys.ENTER);
            bobBrowser.await(d -> d.findElements(By.cssSelector("#thread-messages article.message:not(.pending) .text")).stream()
                    .anyMatch(e -> e.getText().equals("In the wiki, under Releases")));

            WebElement link = aliceBrowser.await(d -> d.findElements(By.cssSelector("#messages .thread-link")).stream()
                    .filter(e -> e.getText().startsWith("1 reply")).findFirst().orElse(null));
            assertEquals(List.of("Where are the release notes?"), texts(a), "the reply is in the thread, not in the conversation");
            link.click();
            aliceBrowser.await(d -> d.findElements(By.cssSelector("#thread-messages article.message .text")).stream()
                    .map(WebElement::getText).toList().equals(List.of("Where are the release notes?", "In the wiki, under Releases")));
            a.findElement(By.id("thread-text")).sendKeys("Thanks!", Keys.ENTER);
            bobBrowser.await(d -> d.findElements(By.cssSelector("#thread-messages article.message .text")).stream()
                    .anyMatch(e -> e.getText().equals("Thanks!")));
            bobBrowser.await(d -> d.findElement(By.cssSelector("#messages .thread-link")).getText().startsWith("2 replies"));
            aliceBrowser.screenshot("chat-thread");
            a.manage().window().setSize(new Dimension(390, 844));
            aliceBrowser.screenshot("chat-thread-phone");
            assertEquals("×", a.findElement(By.id("thread-close")).getText());
            a.findElement(By.id("thread-close")).click();
            aliceBrowser.await(d -> d.findElement(By.id("thread")).getAttribute("hidden") != null);
        }
    }

    @Test
    void mentionsAreSuggestedFromTheMembersAndHighlightedForWhomTheyName() {
        String alice = user("ui-caller");
        String bob = user("ui-called");
        String slug = "mention-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(alice, "password-" + alice));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", bob), "Authorization", token).status());
        try (Browser aliceBrowser = Browser.start(); Browser bobBrowser = Browser.start()) {
            signIn(aliceBrowser, alice);
            signIn(bobBrowser, bob);
            WebDriver a = aliceBrowser.driver();
            openConversation(aliceBrowser, "room:" + slug);
            openConversation(bobBrowser, "room:" + slug);

            WebElement composer = a.findElement(By.id("composer-text"));
            composer.sendKeys("ping @" + bob.substring(0, 6));
            WebElement option = aliceBrowser.await(d -> d.findElements(By.cssSelector("#mention-list li[aria-selected='true']")).stream()
                    .findFirst().orElse(null));
            assertEquals("@" + bob, option.getText());
            composer.sendKeys(Keys.ENTER); // takes the suggestion, does not send
            assertEquals("ping @" + bob + " ", composer.getAttribute("value"));
            composer.sendKeys("can you look?", Keys.ENTER);

            WebElement mention = bobBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message .text .mention")).stream()
                    .findFirst().orElse(null));
            assertEquals("@" + bob, mention.getText());
            assertTrue(mention.getAttribute("class").contains("me"), "highlighted for the one it names");
            WebElement own = aliceBrowser.await(d -> d.findElements(By.cssSelector("#messages article.message:not(.pending) .mention")).stream()
                    .findFirst().orElse(null));
            assertEquals("mention", own.getAttribute("class"), "not highlighted for others");
            assertEquals(List.of("ping @" + bob + " can you look?"), texts(bobBrowser.driver()));
            bobBrowser.screenshot("chat-mention");
        }
    }

    @Test
    void openingAConversationJumpsToTheFirstUnreadAndAMessageCanBeMarkedUnread() {
        String alice = user("ui-poster");
        String bob = user("ui-catcher");
        String slug = "unread-" + UUID.randomUUID().toString().substring(0, 8);
        String aliceToken = bearer(api.token(alice, "password-" + alice));
        String bobToken = bearer(api.token(bob, "password-" + bob));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", aliceToken).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", bob), "Authorization", aliceToken).status());
        for (int i = 1; i <= 70; i++) {
            assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", "m" + i, "clientMsgId", "u-" + i),
                    "Authorization", aliceToken).status());
        }
        try (SocketClient bobsPhone = SocketClient.open(SocketClient.socketUri(http, "chat"), "Authorization", bobToken)) {
            bobsPhone.next("welcome");
            bobsPhone.send(Api.json("type", "read", "conversation", "room:" + slug, "seq", 10)); // bob has read the first ten
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> unreadOf(bobToken, "room:" + slug) == 60));
        }
        try (Browser browser = Browser.start()) {
            signIn(browser, bob);
            WebDriver d = browser.driver();
            openConversation(browser, "room:" + slug);
            WebElement marker = browser.await(x -> x.findElements(By.id("new-marker")).stream().findFirst().orElse(null));
            WebElement first = marker.findElement(By.xpath("following-sibling::article[1]"));
            assertEquals("m11", first.findElement(By.cssSelector(".text")).getText(), "the marker stands before the first unread");
            browser.await(x -> (Boolean) ((JavascriptExecutor) x).executeScript(
                    "const pane = document.getElementById('messages').getBoundingClientRect();"
                            + "const mark = document.getElementById('new-marker').getBoundingClientRect();"
                            + "return mark.top >= pane.top && mark.bottom <= pane.bottom;"));
            browser.screenshot("chat-new-messages");
            browser.await(x -> unreadOf(bobToken, "room:" + slug) == 0);

            WebElement m65 = d.findElement(By.xpath("//article[contains(@class,'message')][.//p[text()='m65']]"));
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView()", m65);
            new Actions(d).moveToElement(m65).perform();
            m65.findElement(By.xpath(".//div[@class='actions']/button[text()='Unread']")).click();
            browser.await(x -> x.findElement(By.id("new-marker")).findElement(By.xpath("following-sibling::article[1]"))
                    .findElement(By.cssSelector(".text")).getText().equals("m65"));
            browser.await(x -> unreadOf(bobToken, "room:" + slug) == 6);
            browser.await(x -> x.findElement(By.cssSelector("button[data-conversation='room:" + slug + "'] .badge")).getText().equals("6"));
        }
    }

    private int unreadOf(String token, String conversation) {
        return api.get("api/conversations", "Authorization", token).json().getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(conversation))
                .findFirst().orElseThrow().getInt("unread");
    }

    @Test
    void onAPhoneTheListAndTheConversationTakeTurnsAndSendersShowByDisplayName() {
        String alice = Api.uniqueUser("ui-grace");
        assertEquals(201, api.post("api/auth/register", Api.json("username", alice, "password", "password-" + alice,
                "displayName", "Grace Hopper")).status());
        String bob = user("ui-phone");
        String slug = "phone-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(alice, "password-" + alice));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        assertEquals(200, api.post("api/rooms/" + slug + "/members", Api.json("username", bob), "Authorization", token).status());
        for (String text : List.of("First thought", "and a second one", "and a third")) {
            assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", text, "clientMsgId", text),
                    "Authorization", token).status());
        }
        Api.Reply icon = api.get("favicon.ico");
        assertEquals(200, icon.status(), "browsers ask for /favicon.ico");

        try (Browser browser = Browser.start()) {
            WebDriver d = browser.driver();
            signIn(browser, bob);
            d.manage().window().setSize(new Dimension(390, 844));
            d.navigate().refresh(); // a phone's first view of the chat
            WebElement item = conversationButton(browser, "room:" + slug);
            assertTrue(item.isDisplayed(), "a phone starts at the list");
            assertTrue(!d.findElement(By.id("messages")).isDisplayed(), "and shows no conversation beside it");
            browser.screenshot("phone-list");
            openConversation(browser, "room:" + slug);
            browser.await(x -> texts(x).size() == 3);
            assertTrue(!d.findElement(By.id("conversation-list")).isDisplayed(), "the conversation takes the whole screen");
            browser.await(x -> x.findElement(By.cssSelector("#messages article.message .sender")).getText().equals("Grace Hopper"));
            List<String> seen = browser.await(x -> {
                List<WebElement> messages = x.findElements(By.cssSelector("#messages article.message"));
                return List.of(messages.get(0).findElement(By.cssSelector(".sender")).getText(),
                        messages.get(0).findElement(By.cssSelector(".avatar")).getText(),
                        messages.stream().map(m -> m.getAttribute("class").replace("message", "")).toList().toString(),
                        String.valueOf(messages.get(1).findElements(By.cssSelector("header, .avatar")).size()));
            });
            assertEquals("Grace Hopper", seen.get(0), "senders by display name");
            assertEquals("GH", seen.get(1), "with an initials avatar");
            assertEquals("[,  grouped,  grouped]", seen.get(2), "one sender's messages in a row are grouped");
            assertEquals("0", seen.get(3), "a grouped message has no header or avatar of its own");
            browser.screenshot("phone-conversation");
            d.findElement(By.id("back")).click();
            browser.await(x -> x.findElement(By.id("conversation-list")).isDisplayed());
            d.get(http.resolve("preferences").toString());
            d.get(http.resolve("live").toString());
            assertEquals(List.of(), browser.consoleErrors(), "no page logs an error");
        }
    }

    @Test
    void aNewUserIsToldWhatToDoFirst() {
        String newcomer = user("ui-new");
        try (Browser browser = Browser.start()) {
            signIn(browser, newcomer);
            WebElement welcome = browser.await(d -> d.findElement(By.id("welcome-empty")));
            assertTrue(welcome.getText().contains("Welcome to Parley"), welcome.getText());
            welcome.findElement(By.id("start-create")).click();
            browser.await(d -> d.switchTo().activeElement().getAttribute("id").equals("room-slug"));
            browser.screenshot("welcome-empty");
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void searchFindsMarksAndOpensTheMessageSafelyWhateverItsText() {
        String alice = user("ui-finder");
        String word = "quokka" + UUID.randomUUID().toString().substring(0, 4).replace("-", "");
        String slug = "find-" + UUID.randomUUID().toString().substring(0, 8);
        String token = bearer(api.token(alice, "password-" + alice));
        assertEquals(201, api.post("api/rooms", Api.json("slug", slug), "Authorization", token).status());
        String hostile = "<img src=x onerror=\"document.title='pwned'\"> " + word + " <b>bold</b>";
        assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", hostile, "clientMsgId", "f-1"),
                "Authorization", token).status());
        for (int i = 2; i <= 70; i++) {
            assertEquals(201, api.post("api/conversations/room:" + slug + "/messages", Api.json("text", "filler " + i, "clientMsgId", "f-" + i),
                    "Authorization", token).status());
        }
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> api.get("api/search?q=" + word, "Authorization", token).json()
                .getJsonArray("hits").size() == 1), "indexed");
        try (Browser browser = Browser.start()) {
            signIn(browser, alice);
            WebDriver d = browser.driver();
            WebElement box = d.findElement(By.id("search"));
            box.sendKeys(word, Keys.ENTER);
            WebElement hit = browser.await(x -> x.findElements(By.cssSelector("#search-results .search-hit")).stream().findFirst().orElse(null));
            assertEquals(word, hit.findElement(By.tagName("mark")).getText(), "the matched word is marked");
            assertTrue(hit.getText().contains("<img src=x"), "the rest is text, shown as typed");
            assertTrue(hit.findElements(By.tagName("img")).isEmpty() && hit.findElements(By.tagName("b")).isEmpty());
            browser.screenshot("search-results");
            hit.findElement(By.tagName("button")).click();
            WebElement found = browser.await(x -> x.findElements(By.cssSelector("#messages article.message.flash[data-seq='1']")).stream()
                    .findFirst().orElse(null));
            assertTrue(found.getText().contains(word), "the conversation opens at the hit, 69 messages back");
            assertTrue(!d.getTitle().contains("pwned"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
