package org.cloudcheckkit.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sam build` as SAM runs it (aws-lambda-builders' make workflow, building in source): for every function of
 * template.yaml in turn, {@code make --makefile Makefile build-<Function>} in the project with ARTIFACTS_DIR set. Here
 * the project's Makefile runs in a project of a few files, with a {@code mvn} on the PATH that records each run and
 * makes the jar.
 */
class SamBuildTest {
    private static final Path ROOT = TemplateLocation.find(Optional.empty(), Path.of("")).getParent();

    @TempDir
    Path project;

    @BeforeEach
    void aProjectWithTheMakefileAndARecordingMaven() throws IOException {
        Files.copy(ROOT.resolve("Makefile"), project.resolve("Makefile"));
        for (String file : List.of("pom.xml", "shared/pom.xml", "shared/src/main/java/Shared.java", "logging/pom.xml",
                "logging/src/main/resources/META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "functions/pom.xml",
                "functions/src/main/java/Handler.java")) {
            Files.createDirectories(project.resolve(file).getParent());
            Files.writeString(project.resolve(file), "source");
        }
        Path maven = project.resolve("bin/mvn");
        Files.createDirectories(maven.getParent());
        Files.writeString(maven, """
                #!/bin/sh
                echo "$*" >> mvn-runs.log
                mkdir -p functions/target && echo jar > functions/target/functions.jar
                """);
        Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void buildingEveryFunctionRunsMavenOnceAndGivesEachFunctionTheJar() throws Exception {
        List<ServerlessFunction> functions = StackTemplate.read(ROOT.resolve("template.yaml")).functions();

        samBuild(functions);

        assertEquals(List.of("-q -B -pl functions -am package -DskipTests"), mavenRuns());
        assertEquals(12, functions.size());
        for (ServerlessFunction function : functions) {
            assertEquals("jar\n", Files.readString(artifacts(function).resolve("lib/functions.jar")), function.logicalId());
        }
    }

    @Test
    void buildingAgainRunsMavenOnlyWhenASourceIsNewerThanTheJar() throws Exception {
        List<ServerlessFunction> functions = StackTemplate.read(ROOT.resolve("template.yaml")).functions();
        samBuild(functions);

        samBuild(functions);
        assertEquals(1, mavenRuns().size(), "nothing changed");

        // An edit made after the last build: the source is newer than the jar.
        Files.setLastModifiedTime(project.resolve("functions/target/functions.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(project.resolve("shared/src/main/java/Shared.java"), FileTime.from(Instant.now().minusSeconds(30)));
        samBuild(functions);
        assertEquals(2, mavenRuns().size(), "a source changed");
    }

    @Test
    void samconfigHasSamBuildInTheSourceTreeOneFunctionAtATime() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("samconfig.toml"));
        List<String> build = lines.subList(lines.indexOf("[default.build.parameters]") + 1, lines.size()).stream()
                .takeWhile(line -> !line.startsWith("[")).toList();

        assertTrue(build.contains("build_in_source = true"), build.toString());
        assertTrue(build.stream().noneMatch(line -> line.startsWith("parallel")), build.toString());
    }

    /** SAM's command for each function, in turn. */
    private void samBuild(List<ServerlessFunction> functions) throws IOException, InterruptedException {
        for (ServerlessFunction function : functions) {
            ProcessBuilder make = new ProcessBuilder("make", "--makefile", project.resolve("Makefile").toString(),
                    "build-" + function.logicalId()).directory(project.toFile()).redirectErrorStream(true);
            make.environment().put("ARTIFACTS_DIR", artifacts(function).toString());
            make.environment().put("PATH", project.resolve("bin") + ":" + System.getenv("PATH"));
            Process process = make.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
                    "make build-" + function.logicalId() + " failed:\n" + output);
        }
    }

    private Path artifacts(ServerlessFunction function) {
        return project.resolve(".aws-sam/build").resolve(function.logicalId());
    }

    private List<String> mavenRuns() throws IOException {
        Path log = project.resolve("mvn-runs.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
