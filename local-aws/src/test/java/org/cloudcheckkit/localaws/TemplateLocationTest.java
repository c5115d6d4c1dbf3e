package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLocationTest {

    @TempDir
    Path project;

    @Test
    void findsTheNearestTemplateAboveTheStart() throws IOException {
        Path template = Files.writeString(project.resolve("template.yaml"), "Resources: {}");
        Path module = Files.createDirectories(project.resolve("shared/src"));

        assertEquals(template, TemplateLocation.find(Optional.empty(), module));
    }

    @Test
    void configuredPathWins() throws IOException {
        Files.writeString(project.resolve("template.yaml"), "Resources: {}");
        Path other = Files.writeString(project.resolve("other.yaml"), "Resources: {}");

        assertEquals(other, TemplateLocation.find(Optional.of(other.toString()), project));
    }

    @Test
    void configuredPathThatIsNoFileIsReported() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> TemplateLocation.find(Optional.of(project.resolve("missing.yaml").toString()), project));

        assertTrue(error.getMessage().startsWith("cloudcheckkit.template names "), error.getMessage());
    }

    @Test
    void noTemplateAnywhereAboveIsReportedWithTheProperty() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> TemplateLocation.find(Optional.empty(), Path.of("/")));

        assertTrue(error.getMessage().contains("-Dcloudcheckkit.template="), error.getMessage());
    }
}
