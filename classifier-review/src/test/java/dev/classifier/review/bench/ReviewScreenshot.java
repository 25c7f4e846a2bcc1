package dev.classifier.review.bench;

import dev.classifier.api.Classifier;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.review.Chromium;
import dev.classifier.review.LeastConfidenceFirst;
import dev.classifier.review.ReviewServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Saves the review page as a PNG (bench/review-screenshot.sh): the sample news, two accepts and a correction with
 * a reason made through the page, then on to an item with similar past corrections to show.
 */
public final class ReviewScreenshot {

    private ReviewScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path png = Path.of(args.length > 0 ? args[0] : "review-page.png");
        Path dir = Files.createTempDirectory("review-screenshot");
        Taxonomy taxonomy = SampleNewsPage.taxonomy();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(dir.resolve("feedback.jsonl"))) {
            SampleNewsPage.importFeedback(taxonomy, store);
            try (Classifier classifier = SampleNewsPage.trainedOn(store, taxonomy);
                 ReviewServer server = ReviewServer.builder(classifier, store)
                         .candidates(LeastConfidenceFirst.of(classifier, SampleNewsPage.articles()))
                         .reviewer("editor", "screenshot-token-0123456789abcdef").start()) {
                ChromeDriver browser = Chromium.start(1280, 860);
                try {
                    browser.get(server.pageUrl("editor"));
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                    wait.until(d -> d.findElement(By.id("item")).isDisplayed());
                    for (int i = 0; i < 2; i++) {
                        String before = browser.findElement(By.id("item")).getAttribute("data-item-id");
                        new Actions(browser).sendKeys(Keys.ENTER).perform();
                        wait.until(d -> !before.equals(d.findElement(By.id("item")).getAttribute("data-item-id")));
                    }
                    String predicted = browser.findElement(By.id("predicted")).getText();
                    int key = taxonomy.labels().indexOf(predicted) == 1 ? 3 : 2;
                    new Actions(browser).sendKeys(String.valueOf(key)).perform();
                    browser.findElement(By.id("reason")).sendKeys("公司财报属于商业 — a company's results are Business");
                    browser.findElement(By.id("reason")).sendKeys(Keys.ENTER);
                    wait.until(d -> d.findElement(By.id("status")).getText().startsWith("Saved the correction"));
                    wait.until(d -> d.findElement(By.id("stats-today")).getText().equals("3"));
                    // Skip on to an article with similar past corrections to show (the sample has them for most).
                    for (int i = 0; i < 20 && browser.findElements(By.cssSelector("#similar .move")).isEmpty(); i++) {
                        String before = browser.findElement(By.id("item")).getAttribute("data-item-id");
                        new Actions(browser).sendKeys("s").perform();
                        wait.until(d -> !before.equals(d.findElement(By.id("item")).getAttribute("data-item-id")));
                    }
                    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
                    Files.copy(shot, png, StandardCopyOption.REPLACE_EXISTING);
                    System.out.println("screenshot: " + png);
                } finally {
                    browser.quit();
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
