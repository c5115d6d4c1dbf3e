package org.cloudcheckkit.localaws;

import java.nio.file.Path;
import java.util.Optional;

/** The templates the tests read: the project's own, and small ones under src/test/resources/templates. */
final class Templates {

    private Templates() {
    }

    static Path projectTemplatePath() {
        return TemplateLocation.find(Optional.empty(), Path.of(""));
    }

    static StackTemplate project() {
        return StackTemplate.read(projectTemplatePath());
    }

    static StackTemplate fixture(String name) {
        return StackTemplate.read(Path.of("src/test/resources/templates", name));
    }

    static StackTemplate inline(String yaml) {
        return StackTemplate.parse(yaml, "inline template");
    }
}
