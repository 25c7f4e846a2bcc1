package dev.classifier.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An example Spring Boot service over the classifier: {@code POST /classify}, {@code POST /feedback} and the
 * actuator's {@code /actuator/metrics}. The classifier, its store and its taxonomy come from classifier-spring-boot-starter
 * and the {@code classifier.*} properties in {@code application.properties}; this application defines none of them.
 */
@SpringBootApplication
public class NewsClassifierApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot's command line ({@code --classifier.store.path=...}, {@code --server.port=...})
     */
    public static void main(String[] args) {
        SpringApplication.run(NewsClassifierApplication.class, args);
    }
}
