package com.refundhub.console;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The operator console as a test uses it: through the {@code data-testid} hooks of SPEC §8.4, by keyboard where it can. */
final class ConsolePage {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String origin;

    ConsolePage(Browser browser, int httpPort) {
        this.driver = browser.driver();
        this.origin = "http://127.0.0.1:" + httpPort;
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    static By testId(String id, String attribute, String value) {
        return By.cssSelector("[data-testid='" + id + "'][data-" + attribute + "='" + value + "']");
    }

    /** Opens the console at {@code /console} (which redirects to {@code /console/}). */
    void open() {
        driver.get(origin + "/console");
    }

    /** Logs in with {@code key} by keyboard, and waits for the views. */
    void logIn(String key) {
        open();
        WebElement field = until(d -> visible(testId("api-key")));
        field.sendKeys(key, Keys.ENTER);
        until(d -> visible(By.id("nav")));
    }

    void logOut() {
        find(testId("logout")).sendKeys(Keys.ENTER);
        until(d -> visible(testId("api-key")));
    }

    /** Shows a view through its link in the navigation. */
    void go(String view) {
        driver.findElement(By.cssSelector("#nav a[data-view='" + view + "']")).sendKeys(Keys.ENTER);
        until(d -> visible(By.id("view-" + view)));
    }

    void refreshEvery(String label) {
        new Select(find(testId("refresh-every"))).selectByVisibleText(label);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The element when it is displayed, else null (for waits). */
    WebElement visible(By by) {
        List<WebElement> found = driver.findElements(by);
        return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
    }

    WebElement reviewRow(String refundId) {
        return until(d -> visible(testId("review-row", "refund-id", refundId)));
    }

    /** Waits for a condition to hold (a value other than null or false), re-reading elements a refresh replaced. */
    <T> T until(Function<WebDriver, T> condition) {
        return until(PATIENCE, condition);
    }

    <T> T until(Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** A new tab, as an operator would open: nothing kept in the session storage of the one before (closed). */
    void newTab() {
        String old = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        String fresh = driver.getWindowHandle();
        driver.switchTo().window(old).close();
        driver.switchTo().window(fresh);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Whether the page is wider than the viewport (it would scroll sideways). */
    boolean scrollsSideways() {
        return (Boolean) js("return document.documentElement.scrollWidth > window.innerWidth"
                + " || document.body.scrollWidth > window.innerWidth;");
    }

    /** Searches by keyboard. */
    void search(String text) {
        go("search");
        WebElement box = find(testId("search"));
        box.clear();
        box.sendKeys(text, Keys.ENTER);
    }

    String text(By by) {
        return find(by).getText();
    }

    ChromeDriver driver() {
        return driver;
    }
}
