package dev.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one dependency direction of Parley's packages. Top-level packages form layers; a package may
 * use only the layers before it in {@link #LAYERS}. A lower package that needs something from a higher
 * one declares a port (an interface or a CDI event) that the higher one implements or observes.
 * Inside a feature, boundary uses control uses entity, never the other way; no feature uses another
 * feature's boundary; entities know no transport API. And no code names a class by its fully
 * qualified name to dodge an import: the import line is the honest record of a dependency.
 */
class ArchitectureTest {

    /** Each layer may depend only on the layers listed before it. */
    static final List<String> LAYERS = List.of(
            "platform", "accounts", "sockets", "delivery", "presence", "chat", "notifications", "integration", "cluster", "ui");

    static final List<String> FEATURES = List.of("accounts", "presence", "chat", "notifications", "integration", "cluster", "ui");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.parley");

    private static String pkg(String layer) {
        return "dev.parley." + layer + "..";
    }

    @Test
    void layersDependOnlyOnTheLayersBeforeThem() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] higher = LAYERS.subList(i + 1, LAYERS.size()).stream().map(ArchitectureTest::pkg).toArray(String[]::new);
            noClasses().that().resideInAPackage(pkg(LAYERS.get(i)))
                    .should().dependOnClassesThat().resideInAnyPackage(higher)
                    .because(LAYERS.get(i) + " comes before " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size()))
                            + ": a lower package declares a port or an event instead")
                    .check(CLASSES);
        }
    }

    @Test
    void insideAFeatureBoundaryUsesControlUsesEntity() {
        noClasses().that().resideInAPackage("..control..").should().dependOnClassesThat().resideInAPackage("..boundary..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAnyPackage("..boundary..", "..control..").check(CLASSES);
    }

    @Test
    void noFeatureUsesAnotherFeaturesBoundary() {
        for (String feature : FEATURES) {
            noClasses().that().resideOutsideOfPackage(pkg(feature))
                    .should().dependOnClassesThat().resideInAPackage("dev.parley." + feature + ".boundary..")
                    .because("features talk through control beans or events, never through another feature's boundary")
                    .check(CLASSES);
        }
    }

    @Test
    void entitiesKnowNoTransport() {
        noClasses().that().resideInAPackage("..entity..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.websocket..", "jakarta.ws.rs..", "jakarta.jms..").check(CLASSES);
    }

    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:java|javax|jakarta|dev|org|com)\\.[a-z]\\w*(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");

    @Test
    void noFullyQualifiedClassNamesInCode() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int n = 0; n < lines.size(); n++) {
                    String line = lines.get(n).strip();
                    if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*") || line.startsWith("//")
                            || line.startsWith("/*")) {
                        continue;
                    }
                    Matcher matcher = QUALIFIED.matcher(withoutStrings(line));
                    while (matcher.find()) {
                        found.add(file + ":" + (n + 1) + " " + matcher.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "import the class instead");
    }

    /** The line with its string literals blanked (a class name in a string is data, not a dependency). */
    private static String withoutStrings(String line) {
        return line.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    }
}
