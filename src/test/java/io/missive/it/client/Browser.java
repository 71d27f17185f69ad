package io.missive.it.client;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * One headless Chromium (Debian's package) driven through Debian's chromedriver by Selenium: a page
 * of a browser test. Both are installed with apt-get when absent; Selenium Manager downloads nothing,
 * as the driver's and the browser's paths are given.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    static {
        // Selenium warns on every start that it has no DevTools binding for Debian's newer Chromium; the tests use none
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools").setLevel(Level.SEVERE);
        java.util.logging.Logger.getLogger("org.openqa.selenium.chromium").setLevel(Level.SEVERE);
    }

    private final String name;
    private final ChromeDriver driver;

    private Browser(String name, ChromeDriver driver) {
        this.name = name;
        this.driver = driver;
    }

    /** A new browser window of 1280 x 860, named for messages and screenshots. */
    public static Browser open(String name) throws IOException, InterruptedException {
        DebianPackages.ensureInstalled(List.of("chromium", "chromium-driver"), List.of(CHROMIUM, CHROMEDRIVER));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the test server's certificate is self-signed; --no-sandbox because the build may run as root
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--ignore-certificate-errors", "--window-size=1280,860", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(name, new ChromeDriver(service, options));
    }

    public void get(URI uri) {
        driver.get(uri.toString());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the element, or "" when there is none. */
    public String text(String css) {
        List<WebElement> found = findAll(css);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Replaces the value of a form field. */
    public void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks the element, finding it again if the page redrew it in the meantime. */
    public void click(String css) {
        waitUntil("a click on " + css, () -> {
            find(css).click();
            return true;
        });
    }

    /** Runs an asynchronous script: it calls {@code arguments[arguments.length - 1]} with its answer. */
    public Object executeAsync(String script) {
        driver.manage().timeouts().scriptTimeout(WAIT);
        return ((JavascriptExecutor) driver).executeAsyncScript(script);
    }

    /** Waits until {@code condition} holds; otherwise fails with {@code what}, the page's state and its console. */
    public void waitUntil(String what, BooleanSupplier condition) {
        try {
            // the pages redraw their lists, so an element read a moment ago may be gone: read again
            new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                    .until(d -> condition.getAsBoolean());
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": " + what + " did not happen within " + WAIT.toSeconds() + " s.\n"
                    + describe(), e);
        }
    }

    /** Waits until the element's text contains {@code fragment}. */
    public void waitForText(String css, String fragment) {
        waitUntil("'" + fragment + "' in " + css, () -> text(css).contains(fragment));
    }

    /** Accepts the page's confirm() dialog. */
    public void acceptDialog() {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                d.switchTo().alert().accept();
                return true;
            } catch (org.openqa.selenium.NoAlertPresentException e) {
                return false;
            }
        });
    }

    /** The address, the connection badge and the console messages: what a failure message needs. */
    public String describe() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        return "page " + driver.getCurrentUrl() + "\nbody text:\n" + text("body") + "\nbrowser console:\n"
                + entries.stream().map(e -> "  " + e.getLevel() + " " + e.getMessage()).collect(Collectors.joining("\n"));
    }

    /** Saves a PNG of the window as {@code <dir>/<file>}. */
    public Path screenshot(Path dir, String file) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(file);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
