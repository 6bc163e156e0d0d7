package dev.parley.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by Debian's chromedriver: nothing is downloaded.
 * Tests skip (with the reason) where the packages are missing; {@code .ci/run} installs them.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Why no browser can run here, or empty. */
    public static Optional<String> unavailable() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            return Optional.of("no " + CHROMIUM + " or " + CHROMEDRIVER + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        return Optional.empty();
    }

    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("parley-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900", "--user-data-dir=" + profile);
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort().build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** The errors the pages logged to the console since the last call (a failed request for a missing file among them). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /**
     * Waits (polling, up to {@link #TIMEOUT}) until {@code condition} gives a non-null, non-false
     * value; an element that went stale while the condition read it counts as not yet.
     */
    public <T> T await(Function<WebDriver, T> condition) {
        // Pages re-render lists: an element found a moment ago may be gone when read; look again. And a
        // form that was just submitted navigates: a lookup the navigation aborted is "not yet" too.
        return new WebDriverWait(driver, TIMEOUT).ignoring(StaleElementReferenceException.class).until(d -> {
            try {
                return condition.apply(d);
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("aborted by navigation")) {
                    return null;
                }
                throw e;
            }
        });
    }

    /**
     * Makes WebSockets fail in every page this browser loads from now on, as behind a proxy that strips
     * the {@code Upgrade} header: each one closes (1006) before it opens. Nothing else changes.
     */
    public void blockWebSockets() {
        String failing = "window.WebSocket = class { constructor(url) { this.url = url; this.readyState = 0;"
                + " setTimeout(() => { this.readyState = 3; this.onerror && this.onerror(new Event('error'));"
                + " this.onclose && this.onclose({ code: 1006, reason: '' }); }, 10); }"
                + " send() { throw new DOMException('not open', 'InvalidStateError'); } close() {} };";
        ((org.openqa.selenium.chromium.ChromiumDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                java.util.Map.of("source", failing));
    }

    /** Saves a screenshot under {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
