package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./run's /openapi.yaml and /docs over real HTTP, with a renderer directory made here. */
class ApiReferenceTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path root;
    private HttpServer server;

    private URI serve(boolean rendererInstalled) throws IOException {
        Files.writeString(root.resolve("openapi.yaml"), "openapi: 3.1.0\n");
        Path renderer = Files.createDirectories(root.resolve("node_modules/swagger-ui-dist"));
        if (rendererInstalled) {
            Files.writeString(renderer.resolve("swagger-ui-bundle.js"), "window.SwaggerUIBundle = function () {};");
            Files.writeString(renderer.resolve("swagger-ui.css"), "body {}");
        }
        Files.writeString(root.resolve("secret.txt"), "not for the web");
        ApiReference reference = ApiReference.beside(root.resolve("template.yaml"));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext(ApiReference.DOCUMENT, reference);
        server.createContext(ApiReference.PAGE, reference);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDocumentIsServedAsYaml() throws Exception {
        HttpResponse<String> document = get(serve(true), "/openapi.yaml");
        assertEquals(200, document.statusCode());
        assertEquals("openapi: 3.1.0\n", document.body());
        assertTrue(document.headers().firstValue("content-type").orElse("").startsWith("application/yaml"));
    }

    @Test
    void theReferencePageRendersTheDocumentWithTheLocalRenderer() throws Exception {
        URI base = serve(true);
        HttpResponse<String> page = get(base, "/docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("url: \"/openapi.yaml\""), page.body());
        assertTrue(page.body().contains("src=\"/docs/swagger-ui-bundle.js\""), page.body());
        assertTrue(!page.body().contains("https://"), "no CDN: " + page.body());
        HttpResponse<String> script = get(base, "/docs/swagger-ui-bundle.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("content-type").orElseThrow());
        assertEquals(200, get(base, "/docs/swagger-ui.css").statusCode());
    }

    @Test
    void withoutTheRendererThePageSaysHowToInstallIt() throws Exception {
        HttpResponse<String> page = get(serve(false), "/docs");
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("npm ci"), page.body());
    }

    @Test
    void nothingButTheRenderersFilesIsReachable() throws Exception {
        URI base = serve(true);
        assertEquals(404, get(base, "/docs/..%2F..%2Fsecret.txt").statusCode());
        assertEquals(404, get(base, "/docs/../secret.txt").statusCode());
        assertEquals(404, get(base, "/docs/missing.js").statusCode());
        assertEquals(404, get(base, "/docs/secret.txt").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(base.resolve("/openapi.yaml"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
