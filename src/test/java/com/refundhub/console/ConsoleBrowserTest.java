package com.refundhub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.HistoryEntry;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

import static com.refundhub.console.ConsolePage.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console (SPEC §8.4) in a real headless Chromium against the real hub: log in, the overview's counts
 * and breakers, resolving a REVIEW refund after a confirmation and finding the resolution in its history, search, a
 * read-only key, a batch's progress while a 2,000-row file runs, phone width, text from the ledger shown as text, and
 * logging out. After every test the browser's console holds no error (network errors only where the test expects
 * them). The overview, the REVIEW queue and a refund's detail are saved as the screenshots of docs/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)   // the screenshots first, before other tests fill the queue
class ConsoleBrowserTest extends HubTestSupport {
    private static final String DESK_KEY = "desk-key";
    private static final String READER_KEY = "reader-key";
    private static final Path DOCS = Path.of("docs");

    private Browser browser;
    private ConsolePage page;
    /** Failed loads the current test causes on purpose ("path status"). */
    private final Set<String> expectedNetworkErrors = new HashSet<>();

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.http.clients.desk.key", DESK_KEY);
        settings.put("refundhub.http.clients.desk.roles", "read,operate");
        settings.put("refundhub.http.clients.reader.key", READER_KEY);
        settings.put("refundhub.http.clients.reader.roles", "read");
        // a provider that takes a moment and four rows at a time: a 2,000-row file runs for seconds (at most 400 rows/s)
        settings.put("refundhub.sandbox.latency", "10ms");
        settings.put("refundhub.batch.threads", "4");
        // a webhook nobody answers: its deliveries end FAILED after two attempts, for the failed-webhooks view
        settings.put("refundhub.webhooks.erp.url", "http://127.0.0.1:" + closedPort() + "/refund-events");
        settings.put("refundhub.webhooks.erp.secret", "erp-webhook-secret-1");
        settings.put("refundhub.webhooks.erp.statuses", "FAILED");
        settings.put("refundhub.webhooks.erp.channels", "scanforpay");
        settings.put("refundhub.webhooks.erp.retry-backoff", "100ms");
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void freshTab() {
        if (browser == null) {
            browser = Browser.start();
            page = new ConsolePage(browser, httpPort);
        }
        page.newTab();
        browser.viewport(1366, 768, false);
        browser.console();   // what an earlier test left is that test's business
        expectedNetworkErrors.clear();
    }

    @AfterEach
    void noJavaScriptErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.console()) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(e.getMessage())) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    /** A failed load the test expects: Chromium logs "URL - Failed to load resource: ... status of 404 (Not Found)". */
    private boolean expected(String message) {
        return message.contains("Failed to load resource") && expectedNetworkErrors.stream().anyMatch(e -> {
            String[] pathAndStatus = e.split(" ");
            return message.contains("127.0.0.1:" + httpPort + pathAndStatus[0] + " ")
                    && message.contains("status of " + pathAndStatus[1] + " ");
        });
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    // ---- the tests ----

    @Test
    @Order(1)
    void theOverviewShowsEveryStatusByChannelTheOldestWaitingAndEachChannelsBreaker() throws Exception {
        refundEndsIn("CB-OK-1", "ORD-CB-1", "trusty", null, RefundStatus.SUCCEEDED, null);
        refundEndsIn("CB-OK-2", "ORD-CB-2", "newpay", "\"amount\":1250,\"currency\":\"USD\"", RefundStatus.SUCCEEDED, null);
        refundEndsIn("CB-FAIL-1", "FAIL-CB-3", "scanforpay", "\"amount\":300,\"currency\":\"JPY\"", RefundStatus.FAILED,
                "NOT_REFUNDABLE");
        refund("CB-HOLD-1", "HOLD-CB-4", "trusty", null);   // processing, never settles: the oldest PENDING
        refund("CB-REV-0", "FORGEALL-CB-5", "newpay", "\"amount\":2500,\"currency\":\"USD\"");
        awaitStatus("CB-HOLD-1", RefundStatus.PENDING, Duration.ofSeconds(10));
        awaitStatus("CB-REV-0", RefundStatus.REVIEW, Duration.ofSeconds(30));

        page.logIn(DESK_KEY);
        assertThat(page.text(testId("who"))).contains("desk").contains("read, operate");
        page.until(d -> countsShownAre(json(get("/summary", KEY))));
        WebElement pending = page.find(testId("waiting-status", "status", "PENDING"));
        assertThat(pending.findElement(testId("oldest-age")).getText()).matches("\\d+ (s|min)");
        assertThat(pending.getText()).contains("CB-HOLD-1");
        JsonNode channels = json(get("/health", null)).get("channels");
        assertThat(channels.size()).isGreaterThanOrEqualTo(3);
        channels.fields().forEachRemaining(c -> assertThat(page.find(testId("channel-state", "channel", c.getKey()))
                .getAttribute("data-state")).isEqualTo(c.getValue().get("state").asText()));
        browser.screenshot(DOCS.resolve("console-overview.png"));
    }

    /** Every status's count, overall and per channel, as /summary has them. */
    private boolean countsShownAre(JsonNode summary) {
        for (RefundStatus status : RefundStatus.values()) {
            long total = 0;
            for (JsonNode c : summary.get("counts")) {
                if (c.get("status").asText().equals(status.name())) {
                    total += c.get("count").asLong();
                    String cell = page.text(By.cssSelector("[data-testid='status-channel-count'][data-status='"
                            + status + "'][data-channel='" + c.get("channel").asText() + "']"));
                    if (!cell.replace(",", "").equals(c.get("count").asText())) {
                        return false;
                    }
                }
            }
            if (!page.text(testId("status-count", "status", status.name())).replace(",", "").equals(String.valueOf(total))) {
                return false;
            }
        }
        return true;
    }

    @Test
    @Order(2)
    void anOperatorResolvesAReviewRefundByKeyboardAfterConfirmingAndFindsItInItsHistory() {
        refund("CB-REV-1", "FORGEALL-CB-REV-1", "newpay", "\"amount\":990,\"currency\":\"USD\"");
        awaitStatus("CB-REV-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        refund("CB-REV-2", "FORGEALL-CB-REV-2", "trusty", "\"reason\":\"customer called twice\"");
        awaitStatus("CB-REV-2", RefundStatus.REVIEW, Duration.ofSeconds(30));
        String note = "Trusty portal: no such refund; customer refunded by bank transfer";

        page.logIn(DESK_KEY);
        page.go("review");
        WebElement row = page.reviewRow("CB-REV-2");
        row.findElement(testId("resolve-open")).sendKeys(Keys.ENTER);
        WebElement status = page.until(d -> row.findElement(testId("resolve-status")));
        assertThat(page.focused()).as("the form opens on its first field").isEqualTo(status);
        assertThat(new Select(status).getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly("SUCCEEDED", "FAILED");
        status.sendKeys(Keys.ARROW_DOWN);
        assertThat(new Select(status).getFirstSelectedOption().getAttribute("value")).isEqualTo("FAILED");
        page.focused().sendKeys(Keys.TAB);
        assertThat(page.focused()).isEqualTo(row.findElement(testId("resolve-provider-refund-id")));
        page.focused().sendKeys(Keys.TAB);
        assertThat(page.focused()).isEqualTo(row.findElement(testId("resolve-note")));
        page.focused().sendKeys(note, Keys.TAB);
        assertThat(page.focused()).isEqualTo(row.findElement(testId("resolve-submit")));
        page.focused().sendKeys(Keys.ENTER);

        WebElement confirm = page.until(d -> page.visible(testId("resolve-confirm")));
        assertThat(row.findElement(testId("resolve-confirmation")).getText()).contains("CB-REV-2").contains("FAILED")
                .contains("bank transfer");
        assertThat(ledger().find("CB-REV-2", false).orElseThrow().status()).as("nothing sent before the confirmation")
                .isEqualTo(RefundStatus.REVIEW);
        page.js("window.scrollTo(0, 0);");
        browser.screenshot(DOCS.resolve("console-review.png"));
        confirm.sendKeys(Keys.ENTER);

        page.until(d -> page.all(testId("review-row", "refund-id", "CB-REV-2")).isEmpty());
        assertThat(page.text(testId("notice"))).contains("CB-REV-2 resolved as FAILED");
        RefundRecord resolved = ledger().find("CB-REV-2", true).orElseThrow();
        assertThat(resolved.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(resolved.code()).isEqualTo("MANUAL_RESOLUTION");
        HistoryEntry last = resolved.history().get(resolved.history().size() - 1);
        assertThat(last.actor()).isEqualTo("desk");
        assertThat(last.note()).isEqualTo(note);
        assertThat(page.all(testId("review-row", "refund-id", "CB-REV-1"))).as("the other stays").hasSize(1);

        page.search("CB-REV-2");
        WebElement detail = page.until(d -> page.visible(testId("refund-detail")));
        page.until(d -> detail.findElements(testId("history-entry")).size() == resolved.history().size());
        List<WebElement> entries = detail.findElements(testId("history-entry"));
        WebElement shown = entries.get(entries.size() - 1);
        assertThat(shown.findElement(testId("history-actor")).getText()).isEqualTo("desk");
        assertThat(shown.findElement(testId("history-note")).getText()).isEqualTo(note);
        assertThat(shown.getAttribute("data-status")).isEqualTo("FAILED");
        assertThat(detail.findElements(testId("resolve-open"))).as("a settled refund has no resolve action").isEmpty();
        exchangesShownAsTheHubKeepsThem(detail, "CB-REV-2");
        page.js("window.scrollTo(0, 0);");
        browser.screenshot(DOCS.resolve("console-refund.png"));
    }

    /** Each provider exchange shows the JSON the hub keeps, signatures masked as kept: the page adds nothing. */
    private void exchangesShownAsTheHubKeepsThem(WebElement detail, String refundId) {
        JsonNode kept = json(get("/refunds/" + refundId, KEY)).get("exchanges");
        List<WebElement> shown = detail.findElements(testId("exchange"));
        assertThat(shown).hasSize(kept.size());
        shown.get(0).findElement(By.tagName("summary")).sendKeys(Keys.ENTER);
        String request = page.until(d -> shown.get(0).findElement(testId("exchange-request")).getText());
        assertThat(parse(request)).isEqualTo(parse(kept.get(0).get("request").asText()));
        assertThat(secretScan().findings("the console page", page.driver().getPageSource())).isEmpty();
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Test
    void aRefreshKeepsTheOperatorsTypingAndAnOpenConfirmation() {
        refund("CB-KEEP-1", "FORGEALL-CB-KEEP-1", "trusty", null);
        awaitStatus("CB-KEEP-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        page.logIn(DESK_KEY);
        page.refreshEvery("every 2 s");
        page.go("review");
        WebElement row = page.reviewRow("CB-KEEP-1");
        row.findElement(testId("resolve-open")).sendKeys(Keys.ENTER);
        WebElement note = page.until(d -> row.findElement(testId("resolve-note")));
        note.sendKeys("Checked the portal: half a no");

        refund("CB-KEEP-2", "FORGEALL-CB-KEEP-2", "trusty", null);   // arrives in the queue while the operator types
        awaitStatus("CB-KEEP-2", RefundStatus.REVIEW, Duration.ofSeconds(30));
        page.reviewRow("CB-KEEP-2");
        assertThat(note.getAttribute("value")).isEqualTo("Checked the portal: half a no");
        assertThat(page.focused()).as("the focus stays in the note").isEqualTo(note);
        note.sendKeys("te");
        row.findElement(testId("resolve-submit")).sendKeys(Keys.ENTER);
        WebElement confirmation = page.until(d -> page.visible(testId("resolve-confirmation")));

        String before = page.text(testId("refreshed"));
        page.until(d -> !page.text(testId("refreshed")).equals(before));
        assertThat(confirmation.isDisplayed()).as("the confirmation stays open across a refresh").isTrue();
        assertThat(confirmation.getText()).contains("half a note");
        row.findElement(testId("resolve-cancel")).sendKeys(Keys.ENTER);
        assertThat(note.isEnabled()).as("back to the form").isTrue();
        assertThat(note.getAttribute("value")).isEqualTo("Checked the portal: half a note");
        assertThat(ledger().find("CB-KEEP-1", false).orElseThrow().status()).isEqualTo(RefundStatus.REVIEW);
    }

    @Test
    void aSearchFindsARefundByItsIdAndTheRefundsOfAnOrder() {
        refundEndsIn("CB-S-1", "ORD-CB-S", "newpay", "\"amount\":500,\"currency\":\"USD\"", RefundStatus.SUCCEEDED, null);
        refundEndsIn("CB-S-2", "ORD-CB-S", "newpay", "\"amount\":700,\"currency\":\"USD\"", RefundStatus.SUCCEEDED, null);
        page.logIn(DESK_KEY);

        page.search("CB-S-1");
        WebElement detail = page.until(d -> page.visible(testId("refund-detail")));
        page.until(d -> detail.getText().contains("Refund CB-S-1"));
        assertThat(detail.getText()).contains("ORD-CB-S").contains("5.00 USD").contains("SUCCEEDED");

        expectedNetworkErrors.add("/refunds/ORD-CB-S 404");   // no refund has that id: the order's refunds are listed
        page.search("ORD-CB-S");
        page.until(d -> page.all(testId("search-result")).size() == 2);
        assertThat(page.all(testId("search-result"))).extracting(e -> e.getAttribute("data-refund-id"))
                .containsExactly("CB-S-2", "CB-S-1");
        page.find(testId("search-result", "refund-id", "CB-S-2")).findElement(By.tagName("a")).sendKeys(Keys.ENTER);
        page.until(d -> detail.getText().contains("Refund CB-S-2"));
        assertThat(detail.getText()).contains("7.00 USD");

        expectedNetworkErrors.add("/refunds/CB-NOBODY 404");
        page.search("CB-NOBODY");
        page.until(d -> page.text(testId("search-message")).contains("No refund has the ID or order ID CB-NOBODY"));
    }

    @Test
    void aKeyWithoutOperateSeesTheQueueButNoResolveAction() {
        refund("CB-RO-1", "FORGEALL-CB-RO-1", "trusty", null);
        awaitStatus("CB-RO-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        page.logIn(READER_KEY);
        assertThat(page.text(testId("who"))).contains("reader").contains("(read)");
        page.go("review");
        WebElement row = page.reviewRow("CB-RO-1");
        assertThat(row.getText()).contains("FORGEALL-CB-RO-1");
        assertThat(page.all(testId("resolve-open"))).isEmpty();
        assertThat(page.all(testId("resolve-submit"))).isEmpty();
        row.findElement(By.linkText("CB-RO-1")).sendKeys(Keys.ENTER);
        WebElement detail = page.until(d -> page.visible(testId("refund-detail")));
        page.until(d -> detail.getText().contains("Refund CB-RO-1"));
        assertThat(detail.findElements(testId("resolve-open"))).isEmpty();
        assertThat(page.all(By.cssSelector("#nav a[data-view='webhooks']")).get(0).isDisplayed()).isFalse();
    }

    @Test
    void failedWebhookDeliveriesShowForAnOperatorWhoCanSendOneAgain() {
        // the endpoint "erp" (configure) hears only of FAILED scanforpay refunds, at a port where nobody listens
        refundEndsIn("CB-WH-1", "FAIL-CB-WH-1", "scanforpay", "\"amount\":300,\"currency\":\"JPY\"",
                RefundStatus.FAILED, "NOT_REFUNDABLE");
        await().atMost(Duration.ofSeconds(30)).until(() -> failedDelivery("CB-WH-1") != null);
        String id = failedDelivery("CB-WH-1").get("id").asText();

        page.logIn(READER_KEY);
        assertThat(page.find(By.cssSelector("#nav a[data-view='webhooks']")).isDisplayed()).isFalse();
        page.logOut();

        page.logIn(DESK_KEY);
        page.go("webhooks");
        WebElement row = page.until(d -> page.all(testId("webhook-row")).stream()
                .filter(r -> r.getText().contains("CB-WH-1")).findFirst().orElse(null));
        assertThat(row.getText()).contains("Delivery " + id).contains("FAILED").contains("erp")
                .containsPattern("Attempts\\s+2").contains("Last attempt");
        row.findElement(testId("webhook-retry")).click();
        // queued again, sent again to nobody, FAILED again: back in the list with two more attempts
        page.until(d -> page.all(testId("webhook-row")).stream()
                .anyMatch(r -> r.getText().contains("CB-WH-1") && r.getText().matches("(?s).*Attempts\\s+4.*")));
        assertThat(failedDelivery("CB-WH-1").get("attempts").size()).isEqualTo(4);
    }

    /** The FAILED delivery of the refund, as GET /webhooks/deliveries shows it, or null. */
    private JsonNode failedDelivery(String refundId) {
        for (JsonNode d : json(get("/webhooks/deliveries?status=FAILED&webhook=erp&limit=50", KEY)).get("deliveries")) {
            if (d.get("refundId").asText().equals(refundId)) {
                return d;
            }
        }
        return null;
    }

    @Test
    void aBatchsProgressBarMovesWhileA2000RowFileRunsAndEndsFull() throws IOException {
        page.logIn(DESK_KEY);
        page.refreshEvery("every 2 s");
        page.go("batches");
        StringBuilder csv = new StringBuilder("refundId,orderId,channel\n");
        for (int i = 1; i <= 2000; i++) {
            csv.append("CB-B-").append(i).append(",ORD-CB-B-").append(i).append(",trusty\n");
        }
        Path tmp = dataDir.resolve("cb-batch.part");
        Files.writeString(tmp, csv);
        Files.move(tmp, dataDir.resolve("inbox").resolve("cb-batch.csv"));

        List<Long> seen = new ArrayList<>();
        page.until(Duration.ofMinutes(3), d -> {
            WebElement row = page.visible(testId("batch-row", "batch", "cb-batch.csv"));
            if (row == null || row.getAttribute("data-total").isEmpty()) {
                return false;
            }
            WebElement bar = row.findElement(testId("batch-recorded"));
            long value = Long.parseLong(bar.getAttribute("value"));
            long max = Long.parseLong(bar.getAttribute("max"));
            assertThat(max).isEqualTo(2000);
            if (seen.isEmpty() || seen.get(seen.size() - 1) != value) {
                seen.add(value);
            }
            return value == max && "FINAL".equals(row.getAttribute("data-status"));
        });
        browser.screenshot(Path.of("target/console-batches.png"));
        assertThat(seen).as("the recorded lines seen: some between none and all, then all").hasSizeGreaterThan(1);
        assertThat(seen.stream().filter(v -> v > 0 && v < 2000)).isNotEmpty();
        assertThat(seen).isSorted();
        WebElement row = page.find(testId("batch-row", "batch", "cb-batch.csv"));
        assertThat(row.findElement(testId("batch-recorded-text")).getText()).isEqualTo("2,000 / 2,000 (100 %)");
        assertThat(row.findElement(testId("batch-settled-text")).getText()).isEqualTo("2,000 / 2,000 (100 %)");
    }

    @Test
    void atPhoneWidthNoViewScrollsSideways() {
        refund("CB-PH-1", "FORGEALL-CB-PHONE-WIDTH-LONG-ID1", "trusty", "\"amount\":1500000,\"currency\":\"MMK\","
                + "\"reason\":\"a reason long enough to wrap over several lines of a phone's narrow screen, twice over\"");
        awaitStatus("CB-PH-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        browser.viewport(390, 844, true);
        page.logIn(DESK_KEY);
        page.until(d -> !page.all(testId("status-count")).isEmpty());
        assertThat(page.scrollsSideways()).as("overview").isFalse();
        browser.screenshot(Path.of("target/console-phone-overview.png"));
        page.go("review");
        page.reviewRow("CB-PH-1").findElement(testId("resolve-open")).sendKeys(Keys.ENTER);
        page.until(d -> page.visible(testId("resolve-note")));
        assertThat(page.scrollsSideways()).as("REVIEW queue with a resolve form open").isFalse();
        browser.screenshot(Path.of("target/console-phone-review.png"));
        page.search("CB-PH-1");
        WebElement detail = page.until(d -> page.visible(testId("refund-detail")));
        page.until(d -> !detail.findElements(testId("exchange")).isEmpty());
        detail.findElements(By.tagName("summary")).forEach(s -> s.sendKeys(Keys.ENTER));
        assertThat(page.scrollsSideways()).as("a refund's detail, its exchanges open").isFalse();
        browser.screenshot(Path.of("target/console-phone-refund.png"));
        page.go("batches");
        assertThat(page.scrollsSideways()).as("batch files").isFalse();
        page.logOut();
        assertThat(page.scrollsSideways()).as("log in").isFalse();
    }

    @Test
    void textFromTheLedgerIsShownAsTextAndNeverRunAsHtml() {
        String reason = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
        refund("CB-X-1", "FORGEALL-<b>x</b>", "trusty", "\"reason\":" + Json.write(reason));
        awaitStatus("CB-X-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        page.logIn(DESK_KEY);
        page.go("review");
        WebElement row = page.reviewRow("CB-X-1");
        assertThat(row.getText()).contains(reason).contains("FORGEALL-<b>x</b>");
        assertThat(row.findElements(By.cssSelector("img, script, b"))).isEmpty();
        row.findElement(By.linkText("CB-X-1")).sendKeys(Keys.ENTER);
        WebElement detail = page.until(d -> page.visible(testId("refund-detail")));
        page.until(d -> detail.getText().contains(reason));
        assertThat(detail.findElements(By.cssSelector("img, script, b"))).isEmpty();
        assertThat(page.js("return typeof window.pwned;")).isEqualTo("undefined");
    }

    @Test
    void everyControlHasALabel() {
        refund("CB-L-1", "FORGEALL-CB-L-1", "trusty", null);
        awaitStatus("CB-L-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        page.open();
        assertThat(unlabelled()).as("log in").isEmpty();
        page.logIn(DESK_KEY);
        page.go("review");
        page.reviewRow("CB-L-1").findElement(testId("resolve-open")).sendKeys(Keys.ENTER);
        page.until(d -> page.visible(testId("resolve-note")));
        assertThat(unlabelled()).as("REVIEW queue, a resolve form open").isEmpty();
        page.search("CB-L-1");
        page.until(d -> page.visible(testId("refund-detail")).getText().contains("Refund CB-L-1"));
        page.find(testId("refund-detail")).findElement(testId("resolve-open")).sendKeys(Keys.ENTER);
        page.until(d -> page.find(testId("refund-detail")).findElements(testId("resolve-note")).size() == 1);
        assertThat(unlabelled()).as("search and a refund's detail, a resolve form open").isEmpty();
    }

    /** Controls shown on the page that have no accessible name (a label, aria-label or text of their own). */
    @SuppressWarnings("unchecked")
    private List<String> unlabelled() {
        return (List<String>) page.js("return [...document.querySelectorAll('input, select, textarea, button, a[href]')]"
                + ".filter(e => e.offsetParent !== null)"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
                + ".map(e => e.outerHTML);");
    }

    @Test
    void theKeyIsKeptInThisTabOnlyAndLoggingOutForgetsIt() {
        expectedNetworkErrors.add("/me 401");
        page.open();
        WebElement field = page.until(d -> page.visible(testId("api-key")));
        field.sendKeys("not-a-key", Keys.ENTER);
        page.until(d -> page.text(testId("login-error")).contains("does not know this key"));
        assertThat(page.js("return sessionStorage.length;")).isEqualTo(0L);

        page.logIn(DESK_KEY);
        assertThat(page.js("return sessionStorage.getItem('refundhub.console.key');")).isEqualTo(DESK_KEY);
        assertThat(page.js("return localStorage.length + document.cookie.length;")).isEqualTo(0L);
        page.driver().navigate().refresh();
        page.until(d -> page.visible(By.id("nav")));
        page.until(d -> !page.all(testId("status-count")).isEmpty());

        page.logOut();
        assertThat(page.js("return sessionStorage.length + localStorage.length;")).isEqualTo(0L);
        assertThat(page.all(testId("status-count"))).as("nothing of what the key showed is left").isEmpty();
        assertThat(page.find(By.id("nav")).isDisplayed()).isFalse();
        page.driver().navigate().refresh();
        WebElement askedAgain = page.until(d -> page.visible(testId("api-key")));
        assertThat(askedAgain.isDisplayed()).isTrue();
        assertThat(page.find(By.id("nav")).isDisplayed()).isFalse();
    }
}
