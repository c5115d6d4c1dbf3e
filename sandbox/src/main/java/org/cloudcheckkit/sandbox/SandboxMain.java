package org.cloudcheckkit.sandbox;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.account.Service;
import org.cloudcheckkit.sandbox.clock.DurationParser;
import org.cloudcheckkit.sandbox.variant.WireVariant;

/**
 * Runs the sandbox on its own: {@code java -jar sandbox/target/cloudcheck-sandbox.jar [options]}. Each option can also
 * come from an environment variable; a command-line option wins over its variable. Ctrl-C stops it.
 */
public final class SandboxMain {

    static final int DEFAULT_PORT = 8790;

    /** Option name (without "--") and the environment variable that can set it. */
    private static final Map<String, String> OPTIONS = options();

    private static final String USAGE = """
            Usage: java -jar sandbox/target/cloudcheck-sandbox.jar [options]
              --port N                      port to listen on (0 = any free port)     [SANDBOX_PORT, default 8790]
              --host ADDRESS                address to listen on                      [SANDBOX_HOST, default 127.0.0.1]
              --credentials KEY:SECRET,...  API keys to accept, replacing the defaults [SANDBOX_CREDENTIALS]
              --services KEY=SVC,SVC;...    services enabled per key besides verification:
                                            live, idscan, akahu, credfin             [SANDBOX_SERVICES]
              --webhook-url URL             the account webhook URL                   [SANDBOX_WEBHOOK_URL]
              --pdf-job-delay DURATION      how long pdfs/generate jobs take, e.g. 2s [SANDBOX_PDF_JOB_DELAY]
              --public-base-url URL         base of the links handed to customers     [SANDBOX_PUBLIC_BASE_URL]
              --variants NAME,...           answer in other plausible shapes (below)  [SANDBOX_VARIANTS]
              --quiet                       do not log each call and callback         [SANDBOX_QUIET=true]
              --help                        show this help
            Default credentials (public test values): sandbox-key / sandbox-secret (verification only),
            sandbox-key-all / sandbox-secret-all (every service).
            Wire variants (WIRE.md says what each changes):
            %s""".formatted(wrapped(Arrays.stream(WireVariant.values()).map(WireVariant::name).toList()));

    private SandboxMain() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        SandboxConfig config;
        try {
            config = configure(args, System.getenv(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("cloudcheck-sandbox: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CloudcheckSandbox sandbox;
        try {
            sandbox = CloudcheckSandbox.start(config);
        } catch (UncheckedIOException e) {
            System.err.println("cloudcheck-sandbox: " + e.getMessage() + ": " + e.getCause().getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        System.out.println("Cloudcheck sandbox listening on " + sandbox.baseUrl());
        System.out.println("  API keys: " + sandbox.credentials().stream()
                .map(credential -> credential.key() + " (" + credential.services().stream().map(Service::wireName)
                        .collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", ")));
        if (!sandbox.variants().isEmpty()) {
            System.out.println("  Wire variants: " + sandbox.variants().stream().map(WireVariant::name)
                    .collect(Collectors.joining(", ")));
        }
        System.out.println("  Control API: " + sandbox.baseUrl() + "/_sandbox/settings");
        System.out.println("  Stop with Ctrl-C.");
        // The HTTP server's dispatcher thread keeps the JVM running until the shutdown hook stops it.
    }

    /**
     * Reads the options from the environment, then the command line.
     *
     * @param log receives one line per call and callback unless --quiet
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    static SandboxConfig configure(String[] args, Map<String, String> environment, PrintStream log) {
        Map<String, String> values = new HashMap<>();
        OPTIONS.forEach((option, variable) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                values.put(option, value.trim());
            }
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !OPTIONS.containsKey(optionName(arg))) {
                throw new IllegalArgumentException("Unknown option " + arg);
            }
            String option = optionName(arg);
            if (option.equals("quiet")) {
                values.put(option, "true");
            } else if (arg.contains("=")) {
                values.put(option, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.length) {
                values.put(option, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + arg + " needs a value");
            }
        }
        return build(values, log);
    }

    private static SandboxConfig build(Map<String, String> values, PrintStream log) {
        SandboxConfig.Builder builder = SandboxConfig.builder()
                .host(values.getOrDefault("host", "127.0.0.1"))
                .port(port(values.getOrDefault("port", String.valueOf(DEFAULT_PORT))));
        List<ApiCredential> credentials = values.containsKey("credentials")
                ? credentials(values.get("credentials"))
                : SandboxConfig.defaultCredentials();
        if (values.containsKey("services")) {
            credentials = withServices(credentials, values.get("services"));
        }
        builder.credentials(credentials);
        if (values.containsKey("webhook-url")) {
            builder.accountWebhookUrl(httpUrl(values.get("webhook-url"), "--webhook-url"));
        }
        if (values.containsKey("pdf-job-delay")) {
            builder.pdfJobDelay(DurationParser.parse(values.get("pdf-job-delay")));
        }
        if (values.containsKey("public-base-url")) {
            builder.publicBaseUrl(httpUrl(values.get("public-base-url"), "--public-base-url").toString());
        }
        if (values.containsKey("variants")) {
            builder.variants(WireVariant.parseList(values.get("variants")));
        }
        if (!Boolean.parseBoolean(values.getOrDefault("quiet", "false"))) {
            builder.eventLog(log::println);
        }
        return builder.build();
    }

    /** {@code key:secret,key2:secret2}; a secret may contain ':' but not ','. */
    private static List<ApiCredential> credentials(String text) {
        List<ApiCredential> credentials = new ArrayList<>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("--credentials takes key:secret pairs separated by commas");
            }
            credentials.add(ApiCredential.of(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim()));
        }
        return credentials;
    }

    /** {@code key=live,idscan;key2=akahu}: the services each key has besides verification. */
    private static List<ApiCredential> withServices(List<ApiCredential> credentials, String text) {
        Map<String, Set<Service>> servicesByKey = new LinkedHashMap<>();
        for (String entry : text.split(";")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--services takes key=service,service entries separated by ';'");
            }
            Set<Service> services = EnumSet.noneOf(Service.class);
            for (String name : entry.substring(equals + 1).split(",")) {
                if (!name.isBlank()) {
                    services.add(Service.fromWireName(name));
                }
            }
            servicesByKey.put(entry.substring(0, equals).trim(), services);
        }
        Set<String> keys = credentials.stream().map(ApiCredential::key).collect(Collectors.toSet());
        for (String key : servicesByKey.keySet()) {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("--services names the key " + key + ", which is not configured");
            }
        }
        return credentials.stream()
                .map(credential -> servicesByKey.containsKey(credential.key())
                        ? new ApiCredential(credential.key(), credential.secret(), servicesByKey.get(credential.key()))
                        : credential)
                .toList();
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port takes a number, not '" + text + "'");
        }
    }

    private static URI httpUrl(String text, String option) {
        URI url;
        try {
            url = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " is not a URL: " + text);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new IllegalArgumentException(option + " must be an http:// or https:// URL");
        }
        return url;
    }

    /** Comma-separated, indented, at most about 80 characters a line. */
    private static String wrapped(List<String> names) {
        StringBuilder text = new StringBuilder("  ");
        int lineStart = 0;
        for (int i = 0; i < names.size(); i++) {
            String item = names.get(i) + (i < names.size() - 1 ? "," : "");
            if (text.length() - lineStart + item.length() > 78) {
                text.append("\n  ");
                lineStart = text.length() - 2;
            } else if (i > 0) {
                text.append(' ');
            }
            text.append(item);
        }
        return text.toString();
    }

    private static String optionName(String arg) {
        String name = arg.substring(2);
        return name.contains("=") ? name.substring(0, name.indexOf('=')) : name;
    }

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : List.of("port", "host", "credentials", "services", "webhook-url", "pdf-job-delay",
                "public-base-url", "variants", "quiet")) {
            options.put(option, "SANDBOX_" + option.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return options;
    }
}
