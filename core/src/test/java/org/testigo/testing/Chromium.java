package org.testigo.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright, for browser tests. Playwright must never download
 * a browser (this machine's network is closed): it drives {@code /usr/bin/chromium} (or
 * {@code TESTIGO_CHROMIUM}). Without Chromium the test is skipped with a message, except under
 * {@code CI=true}, where {@code .ci/run} installs it and absence is a failure.
 */
public final class Chromium implements AutoCloseable {
    /**
     * Flags for a closed network: without the background-networking ones Chromium keeps dialling Google's
     * hosts at every start. {@code --no-sandbox} because CI runs as root.
     */
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts headless Chromium, or skips the test (fails on CI) when it is not installed. */
    public static Chromium launch() {
        return launch(List.of());
    }

    /** Starts headless Chromium with extra command-line flags (e.g. a fake camera). */
    public static Chromium launch(List<String> extraFlags) {
        Path executable = executable();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            List<String> args = new java.util.ArrayList<>(FLAGS);
            args.addAll(extraFlags);
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(args));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    /** A fresh page in its own context (no cookies or storage shared with other pages). */
    public Page newPage() {
        return browser.newContext().newPage();
    }

    /**
     * Saves a screenshot as test output, {@code target/screenshots/NAME.png} of the module under test,
     * and returns its path.
     */
    public static Path screenshot(Page page, String name) {
        Path dir = Paths.get("target", "screenshots");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = dir.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    private static Path executable() {
        String env = System.getenv("TESTIGO_CHROMIUM");
        for (String candidate : env == null ? List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
                : List.of(env)) {
            if (Files.isExecutable(Paths.get(candidate))) {
                return Paths.get(candidate);
            }
        }
        String message = "Chromium not found (/usr/bin/chromium; install Debian's chromium, or set "
                + "TESTIGO_CHROMIUM): browser tests are skipped";
        Prerequisite.missing(message, "where .ci/run installs it");
        return null;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
