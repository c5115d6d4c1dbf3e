package org.cloudcheckkit.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's reference beside the API, as a front-end developer wants it locally: {@code GET /openapi.yaml} is the
 * document, {@code GET /docs} a page that renders it with Swagger UI, served from the repository's
 * {@code node_modules/swagger-ui-dist} ({@code npm ci} at the root installs it) so that it works offline, with no CDN.
 */
final class ApiReference implements HttpHandler {
    static final String DOCUMENT = "/openapi.yaml";
    static final String PAGE = "/docs";
    /** Only the renderer's own files, by plain name: nothing else of the disk is reachable. */
    private static final Pattern ASSET = Pattern.compile("/docs/([A-Za-z0-9][A-Za-z0-9._-]*\\.(js|css|png|map))");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "png", "image/png", "map", "application/json");
    private static final String RENDERER_MISSING = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>API reference</title></head><body>
            <p>The reference page needs Swagger UI from npm: run <code>npm ci</code> at the repository root, then reload.
            The document itself is at <a href="/openapi.yaml">/openapi.yaml</a>.</p></body></html>
            """;
    private static final String PAGE_HTML = """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Cloudcheck serverless kit: API reference</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="reference"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/openapi.yaml", dom_id: "#reference", deepLinking: true });
              </script>
            </body>
            </html>
            """;

    private final Path document;
    private final Path renderer;

    /**
     * @param document the OpenAPI document, {@code openapi.yaml}
     * @param renderer Swagger UI's distribution directory ({@code node_modules/swagger-ui-dist})
     */
    ApiReference(Path document, Path renderer) {
        this.document = document;
        this.renderer = renderer;
    }

    /** The reference of the repository whose template the stack runs: its openapi.yaml and node_modules. */
    static ApiReference beside(Path template) {
        Path root = template.toAbsolutePath().getParent();
        return new ApiReference(root.resolve("openapi.yaml"), root.resolve("node_modules").resolve("swagger-ui-dist"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain; charset=utf-8", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Matcher asset = ASSET.matcher(path);
            if (path.equals(DOCUMENT)) {
                send(exchange, 200, "application/yaml; charset=utf-8", Files.readAllBytes(document));
            } else if (path.equals(PAGE) || path.equals(PAGE + "/")) {
                boolean installed = Files.isRegularFile(renderer.resolve("swagger-ui-bundle.js"));
                send(exchange, installed ? 200 : 503, "text/html; charset=utf-8",
                        (installed ? PAGE_HTML : RENDERER_MISSING).getBytes(StandardCharsets.UTF_8));
            } else if (asset.matches() && Files.isRegularFile(renderer.resolve(asset.group(1)))) {
                send(exchange, 200, TYPES.get(asset.group(2)), Files.readAllBytes(renderer.resolve(asset.group(1))));
            } else {
                send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
