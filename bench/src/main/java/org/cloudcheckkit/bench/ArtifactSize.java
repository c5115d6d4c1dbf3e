package org.cloudcheckkit.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Figure 2: what {@code sam build} would upload per function. Every function's CodeUri builds with the root Makefile,
 * which copies functions/target/functions.jar to {@code lib/} of the function's artifact directory; SAM uploads that
 * directory zipped. So the upload is a zip holding lib/functions.jar, the same for every function. Each entry of the
 * jar is put down to the dependency it came from (functions' runtime class path, as Maven resolves it). The jar's
 * entries are stored, not deflated (functions/pom.xml says why), so a dependency's share of the upload is its entries
 * deflated together, in jar order, as the upload zip deflates the whole jar.
 */
final class ArtifactSize {
    static final String OWN_CODE = "functions + shared (this project)";
    private static final String UNATTRIBUTED = "(not in any dependency: shade-merged files)";

    /** One dependency: its bytes in the jar, the same deflated in one stream (its share of the upload), its files. */
    record Dependency(String name, long bytes, long deflatedBytes, int entries) {
    }

    record Result(long jarBytes, long uploadZipBytes, int entries, List<Dependency> dependencies) {
        /** Largest first, this project's own code left out. */
        List<Dependency> largestDependencies(int count) {
            return dependencies.stream().filter(dependency -> !dependency.name().equals(OWN_CODE)
                    && !dependency.name().equals(UNATTRIBUTED)).limit(count).toList();
        }

        Dependency own() {
            return dependencies.stream().filter(dependency -> dependency.name().equals(OWN_CODE)).findFirst()
                    .orElse(new Dependency(OWN_CODE, 0, 0, 0));
        }
    }

    /**
     * @param functionsJar      the shaded jar the Makefile deploys
     * @param runtimeClassPath  functions' runtime class path (mvn dependency:build-classpath -Dmdep.includeScope=runtime)
     * @param ownOutputs        the project's own modules in the jar: functions and shared, as jars or class directories
     */
    static Result measure(Path functionsJar, Path runtimeClassPath, List<Path> ownOutputs, Path workDirectory) {
        try {
            Map<String, String> owners = new HashMap<>();
            for (Path own : ownOutputs) {
                entriesOf(own).forEach(entry -> owners.putIfAbsent(entry, OWN_CODE));
            }
            // Without functions' own class path (a plain Maven run of bench), the harness's class path holds every
            // jar functions.jar was shaded from, and more; entries are matched by name, so the extra jars match nothing
            // but a few shared META-INF files.
            String classPath = Files.isRegularFile(runtimeClassPath)
                    ? Files.readString(runtimeClassPath, StandardCharsets.UTF_8)
                    : System.getProperty("java.class.path");
            for (String element : classPath.strip().split(File.pathSeparator)) {
                if (element.isBlank()) {
                    continue;
                }
                Path path = Path.of(element);
                String name = dependencyName(path);
                String owner = isOwn(path, ownOutputs) ? OWN_CODE : name;
                entriesOf(path).forEach(entry -> owners.putIfAbsent(entry, owner));
            }
            Map<String, DeflatedShare> shares = new LinkedHashMap<>();
            int entries = 0;
            try (ZipFile jar = new ZipFile(functionsJar.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    entries++;
                    String owner = owners.getOrDefault(entry.getName(), UNATTRIBUTED);
                    try (InputStream content = jar.getInputStream(entry)) {
                        shares.computeIfAbsent(owner, name -> new DeflatedShare()).add(content);
                    }
                }
            }
            List<Dependency> dependencies = new ArrayList<>();
            shares.forEach((name, share) -> dependencies.add(share.finish(name)));
            dependencies.sort(Comparator.comparingLong(Dependency::deflatedBytes).reversed());
            return new Result(Files.size(functionsJar), uploadZip(functionsJar, workDirectory), entries, dependencies);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One dependency's entries deflated as one stream, at the level SAM's zip uses, counting bytes only. */
    private static final class DeflatedShare {
        private final CountingSink sink = new CountingSink();
        private final DeflaterOutputStream deflated = new DeflaterOutputStream(sink, new Deflater(Deflater.DEFAULT_COMPRESSION, true), 64 * 1024);
        private long bytes;
        private int entries;

        void add(InputStream content) throws IOException {
            bytes += content.transferTo(deflated);
            entries++;
        }

        Dependency finish(String name) {
            try {
                deflated.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Dependency(name, bytes, sink.count, entries);
        }
    }

    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** The zip SAM makes of the artifact directory: lib/functions.jar, deflated. */
    private static long uploadZip(Path functionsJar, Path workDirectory) throws IOException {
        Path zip = workDirectory.resolve("sam-upload.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             InputStream jar = Files.newInputStream(functionsJar)) {
            out.putNextEntry(new ZipEntry("lib/"));
            out.closeEntry();
            out.putNextEntry(new ZipEntry("lib/functions.jar"));
            jar.transferTo(out);
            out.closeEntry();
        }
        long size = Files.size(zip);
        Files.delete(zip);
        return size;
    }

    private static boolean isOwn(Path path, List<Path> ownOutputs) {
        String file = path.getFileName().toString();
        return ownOutputs.stream().anyMatch(own -> own.toAbsolutePath().equals(path.toAbsolutePath()))
                || file.startsWith("shared-") || file.startsWith("functions-");
    }

    private static List<String> entriesOf(Path path) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                files.filter(Files::isRegularFile).forEach(file -> names.add(path.relativize(file).toString().replace('\\', '/')));
            }
        } else if (Files.isRegularFile(path)) {
            try (ZipFile jar = new ZipFile(path.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                    if (!entry.isDirectory()) {
                        names.add(entry.getName());
                    }
                }
            }
        }
        return names;
    }

    /** "group:artifact" from a local-repository path (…/repository/software/amazon/awssdk/s3/2.x/s3-2.x.jar). */
    static String dependencyName(Path jar) {
        List<String> parts = new ArrayList<>();
        jar.toAbsolutePath().normalize().forEach(part -> parts.add(part.toString()));
        int repository = parts.lastIndexOf("repository");
        if (repository >= 0 && parts.size() - repository >= 5) {
            String artifact = parts.get(parts.size() - 3);
            String group = String.join(".", parts.subList(repository + 1, parts.size() - 3));
            return group + ":" + artifact;
        }
        return jar.getFileName().toString();
    }
}
