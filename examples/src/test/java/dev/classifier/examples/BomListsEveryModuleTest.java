package dev.classifier.examples;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guardrail of the build: users import classifier-bom to get the versions of our modules, so it must list every
 * published module of the reactor, and nothing else. Lives in examples because that module is built last and
 * sees the whole reactor; it reads the POMs with the JDK's XML parser.
 */
class BomListsEveryModuleTest {

    private static final String BOM = "classifier-bom";

    @Test
    void bomManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
        Path root = reactorRoot();
        Element parent = read(root.resolve("pom.xml"));
        Element bom = read(root.resolve(BOM).resolve("pom.xml"));

        Set<String> published = new TreeSet<>();
        for (String module : texts(child(parent, "modules"), "module")) {
            Element pom = read(root.resolve(module).resolve("pom.xml"));
            String artifactId = text(pom, "artifactId");
            boolean notPublished = child(pom, "properties")
                    .flatMap(p -> child(p, "maven.deploy.skip")).map(Element::getTextContent)
                    .map(String::strip).filter("true"::equals).isPresent();
            if (!artifactId.equals(BOM) && !notPublished) {
                published.add(artifactId);
            }
        }

        Set<String> managed = new TreeSet<>();
        Element dependencies = child(bom, "dependencyManagement").flatMap(d -> child(d, "dependencies"))
                .orElseThrow(() -> new AssertionError(BOM + "/pom.xml has no dependencyManagement/dependencies"));
        for (Element dependency : children(dependencies, "dependency")) {
            String artifactId = text(dependency, "artifactId");
            assertThat(text(dependency, "groupId")).as("groupId of %s in %s/pom.xml", artifactId, BOM)
                    .isEqualTo("dev.classifier");
            assertThat(text(dependency, "version")).as("version of %s in %s/pom.xml", artifactId, BOM)
                    .isEqualTo("${project.version}");
            managed.add(artifactId);
        }

        assertThat(published).as("published modules of the reactor").isNotEmpty();
        Set<String> missing = new TreeSet<>(published);
        missing.removeAll(managed);
        assertThat(missing).as("modules of pom.xml (published: no maven.deploy.skip) missing from %s/pom.xml's"
                + " dependencyManagement", BOM).isEmpty();
        Set<String> unknown = new TreeSet<>(managed);
        unknown.removeAll(published);
        assertThat(unknown).as("artifacts %s/pom.xml manages that are no published module of pom.xml", BOM).isEmpty();
        assertThat(text(bom, "version")).as("%s's own version (it has no parent, so a release must set it too)", BOM)
                .isEqualTo(text(parent, "version"));
    }

    /** The directory of the root pom.xml: surefire runs in the module's directory, one level below. */
    private static Path reactorRoot() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && child(read(pom), "modules").isPresent()) {
                return dir;
            }
        }
        throw new AssertionError("no pom.xml with <modules> above " + Path.of("").toAbsolutePath());
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static List<String> texts(Optional<Element> parent, String name) {
        return parent.map(p -> children(p, name).stream().map(e -> e.getTextContent().strip()).toList())
                .orElse(List.of());
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().strip())
                .orElseThrow(() -> new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">"));
    }
}
