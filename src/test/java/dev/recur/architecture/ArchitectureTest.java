package dev.recur.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shape of the code, as README's architecture paragraph states it: which package may import which. A new
 * import that breaks a direction fails here with the offending class and line.
 */
class ArchitectureTest {
    static JavaClasses recur;

    @BeforeAll static void load() {
        recur = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.recur");
        // an importer that cannot read this JDK's class files would find nothing, and every rule would pass
        assertTrue(recur.size() > 150 && recur.contain("dev.recur.nn.Lstm") && recur.contain("dev.recur.train.Fit"),
                "classes imported: " + recur.size());
    }

    /** Classes of {@code pkg} may use, of Recur, only classes of {@code pkg} and of {@code allowed}. */
    static ArchRule onlyImports(String pkg, String... allowed) {
        List<String> ok = new ArrayList<>(Arrays.asList(allowed));
        ok.add(pkg);
        DescribedPredicate<JavaClass> other = resideInAPackage("dev.recur..").and(DescribedPredicate.not(resideInAnyPackage(ok.toArray(String[]::new))));
        return noClasses().that().resideInAPackage(pkg).should().dependOnClassesThat(other.as("are Recur classes outside " + ok));
    }

    @Test void basePackagesImportNothingOfRecur() {
        onlyImports("dev.recur.files..").check(recur);
        onlyImports("dev.recur.progress..").check(recur);
    }

    @Test void kernelsImportNothingOfRecurAndOnlyTheSimdPackageTouchesTheVectorApi() {
        onlyImports("dev.recur.tensor..").check(recur);
        noClasses().that().resideOutsideOfPackage("dev.recur.tensor.simd..")
                .should().dependOnClassesThat().resideInAPackage("jdk.incubator.vector..").check(recur);
    }

    @Test void layersKnowOnlyTensors() {
        onlyImports("dev.recur.nn..", "dev.recur.tensor..").check(recur);
    }

    @Test void theTrainingLoopKnowsLayersAndTensorsOnly() {
        onlyImports("dev.recur.train..", "dev.recur.nn..", "dev.recur.tensor..").check(recur);
    }

    @Test void frontEndsKnowNoModel() {
        onlyImports("dev.recur.audio..", "dev.recur.files..", "dev.recur.progress..").check(recur);
        onlyImports("dev.recur.midi..", "dev.recur.files..").check(recur);
        onlyImports("dev.recur.series..", "dev.recur.tensor..", "dev.recur.files..").check(recur);
    }

    @Test void datasetsSitOnTheFrontEnds() {
        onlyImports("dev.recur.data..", "dev.recur.audio..", "dev.recur.midi..", "dev.recur.files..", "dev.recur.progress..").check(recur);
    }

    @Test void baselinesScoresSamplesAndPlotsKnowNoModel() {
        onlyImports("dev.recur.eval..", "dev.recur.files..").check(recur);
        onlyImports("dev.recur.samples..", "dev.recur.audio..", "dev.recur.midi..", "dev.recur.files..").check(recur);
        onlyImports("dev.recur.plot..", "dev.recur.eval..", "dev.recur.midi..", "dev.recur.files..").check(recur);
    }

    @Test void modelFilesKnowLayersAndTrainingStateOnly() {
        onlyImports("dev.recur.io..", "dev.recur.nn..", "dev.recur.tensor..", "dev.recur.train..", "dev.recur.files..").check(recur);
    }

    @Test void applicationsStandApartAndOnlyTheCliSitsOnThem() {
        slices().matching("dev.recur.app.(*)..").should().notDependOnEachOther().check(recur);
        noClasses().that().resideOutsideOfPackages("dev.recur.app..", "dev.recur.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.recur.app..", "dev.recur.cli..").check(recur);
        noClasses().that().resideInAPackage("dev.recur.app..").should().dependOnClassesThat().resideInAPackage("dev.recur.cli..").check(recur);
    }

    @Test void noPackageCycles() {
        slices().matching("dev.recur.(**)").should().beFreeOfCycles().check(recur);
    }

    /** The packages the rules above speak of (with their sub-packages). */
    static final List<String> RULED = List.of("files", "progress", "tensor", "nn", "train", "audio", "midi", "series", "data",
            "eval", "samples", "plot", "io", "app", "cli");

    @Test void everyPackageFallsUnderARule() {
        Set<String> unruled = recur.stream().map(JavaClass::getPackageName)
                .filter(p -> RULED.stream().noneMatch(r -> p.equals("dev.recur." + r) || p.startsWith("dev.recur." + r + ".")))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unruled, "a new package: say here what it may import, and in README's architecture paragraph");
    }

    @Test void everyPackageSaysWhatItIsFor() throws IOException {
        Path src = Path.of("src/main/java");  // Surefire runs in the repository root
        assertTrue(Files.isDirectory(src.resolve("dev/recur/nn")), "sources not found from " + Path.of("").toAbsolutePath());
        List<String> missing;
        try (Stream<Path> dirs = Files.walk(src)) {
            missing = dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsJava)
                    .filter(d -> !Files.exists(d.resolve("package-info.java"))).map(d -> src.relativize(d).toString()).sorted().toList();
        }
        assertEquals(List.of(), missing, "packages without a package-info.java (what it is for, what it may import)");
    }

    private static boolean holdsJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
