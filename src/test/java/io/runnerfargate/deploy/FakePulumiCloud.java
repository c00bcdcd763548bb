package io.runnerfargate.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for Pulumi Cloud on 127.0.0.1: each expected request, in order, with the
 * answer to give. A request that is not the next expected one is answered 418 and recorded, so
 * the test sees it both in the client's result and in {@link #requests()}.
 */
final class FakePulumiCloud implements AutoCloseable {
    record Recorded(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue()))
                    .findFirst().orElse(null);
        }
    }

    private record Expected(String method, String pathAndQuery, int status, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final Deque<Expected> script = new ArrayDeque<>();
    private final List<Recorded> requests = new ArrayList<>();

    FakePulumiCloud() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakePulumiCloud expect(String method, String pathAndQuery, int status, String body) {
        return expect(method, pathAndQuery, status, body, Map.of());
    }

    FakePulumiCloud expect(String method, String pathAndQuery, int status, String body, Map<String, String> headers) {
        synchronized (script) {
            script.add(new Expected(method, pathAndQuery, status, body, headers));
        }
        return this;
    }

    List<Recorded> requests() {
        synchronized (script) {
            return List.copyOf(requests);
        }
    }

    int unanswered() {
        synchronized (script) {
            return script.size();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Expected next;
        synchronized (script) {
            requests.add(new Recorded(exchange.getRequestMethod(), target,
                    Map.copyOf(exchange.getRequestHeaders()), body));
            next = script.peek();
            if (next != null && next.method().equals(exchange.getRequestMethod())
                    && next.pathAndQuery().equals(target)) {
                script.poll();
            } else {
                next = new Expected("", "", 418, "{\"message\":\"unexpected " + exchange.getRequestMethod()
                        + " " + target + "\"}", Map.of());
            }
        }
        byte[] bytes = next.body().getBytes(StandardCharsets.UTF_8);
        next.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(next.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
