package dev.classifier.review;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's headless Chromium and chromedriver (the {@code chromium} and {@code chromium-driver} packages, which
 * {@code .ci/run} installs), driven through Selenium with no download of anything: the driver's path is given, so
 * Selenium Manager never runs. Where they are not installed the browser tests are skipped with one line, except
 * with {@code CI=true}, where a missing browser fails them.
 */
public final class Chromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

    /**
     * Selenium looks for DevTools classes matching the browser's version on every start and warns when none are on
     * the class path; these tests drive the browser through WebDriver only, so the warning says nothing. Held here
     * so the level stays set.
     */
    private static final java.util.logging.Logger CDP_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_FINDER.setLevel(java.util.logging.Level.SEVERE);
    }

    private static final java.util.concurrent.atomic.AtomicBoolean SKIP_SAID =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Chromium() {
    }

    /** Skips (or, in CI, fails) the calling test when the browser or its driver is missing. */
    public static void require() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (present) {
            return;
        }
        String why = "no Chromium at " + BROWSER + " with chromedriver at " + DRIVER
                + " (apt-get install chromium chromium-driver)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and " + why);
        }
        if (!SKIP_SAID.getAndSet(true)) {
            System.err.println("Skipping the browser tests: " + why);   // once, where the build log shows it
        }
        Assumptions.abort(why);
    }

    /** A fresh headless browser with its own profile, kept off the network apart from 127.0.0.1. */
    public static ChromeDriver start(int width, int height) {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--disable-extensions", "--lang=en-US",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
