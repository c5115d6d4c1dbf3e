package org.cloudcheckkit.localaws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the project's template.yaml: where a setting says, else in the start directory or the nearest parent that has one. */
public final class TemplateLocation {

    /** The system property that names the template explicitly. */
    public static final String PROPERTY = "cloudcheckkit.template";
    public static final String FILE_NAME = "template.yaml";

    private TemplateLocation() {
    }

    /**
     * @param configured the value of {@value #PROPERTY}, if set
     * @param start      where to start looking, such as the working directory (a module's directory under Maven)
     */
    public static Path find(Optional<String> configured, Path start) {
        if (configured.isPresent()) {
            Path file = Path.of(configured.get()).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(PROPERTY + " names " + file + ", which is not a file");
            }
            return file;
        }
        for (Path directory = start.toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No " + FILE_NAME + " in " + start.toAbsolutePath() + " or any directory above it; "
                + "set -D" + PROPERTY + "=/path/to/" + FILE_NAME);
    }
}
