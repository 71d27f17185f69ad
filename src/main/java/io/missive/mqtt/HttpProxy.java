package io.missive.mqtt;

import io.missive.config.SharedJson;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Seed 003's {@code http://} scheme: a PUBLISH to an http or https URL, with the seed's
 * HttpRequest {@code {"Header": {...}, "Body": "...", "Method": "GET"}} as body, is forwarded to
 * that URL and the seed's HttpResponse {@code {"Header", "Body", "Err", "StatusCode"}} comes back
 * as the Result. Off unless upstreams are configured, and then only to URLs under one of them,
 * so that clients cannot make the server call arbitrary hosts. Asynchronous: nothing blocks.
 */
final class HttpProxy {

    /** Largest upstream answer passed back; more is refused, not truncated. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;
    /** Percent-decodings of a path, repeated for servers that decode twice; a path encoded deeper is refused. */
    private static final int MAX_DECODINGS = 3;

    /** Headers the HTTP client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final List<String> upstreams;
    private final Duration timeout;
    private volatile HttpClient client;

    /**
     * @param upstreams URLs (scheme, host, optional port and path) under which requests may go; empty: the proxy is off
     * @throws IllegalArgumentException naming an upstream that is not such a URL
     */
    HttpProxy(List<String> upstreams, Duration timeout) {
        for (String upstream : upstreams) {
            URI uri = URI.create(upstream);
            if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http or https URL with a host: '" + upstream + "'");
            }
        }
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
    }

    boolean isOn() {
        return !upstreams.isEmpty();
    }

    /**
     * Whether the URL lies under a configured upstream: same scheme and host, the upstream's port
     * (any, if it names none), and a path under the upstream's, segment by segment, so that
     * {@code http://api.example} does not admit {@code http://api.example.evil} nor {@code /pay}
     * admit {@code /payroll}. Paths are compared as an upstream server might read them at worst
     * ({@link #canonicalPath}), so that {@code /pay/../admin} and {@code /pay/%2e%2e/admin} are
     * not under {@code /pay}. Redirects are not followed, so an upstream cannot send it elsewhere.
     */
    boolean allows(String url) {
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (target.getHost() == null || target.getRawUserInfo() != null) {
            return false;
        }
        String targetPath = canonicalPath(target.getRawPath());
        if (targetPath == null) {
            return false;
        }
        for (String upstream : upstreams) {
            URI allowed = URI.create(upstream);
            String path = canonicalPath(allowed.getRawPath());
            if (allowed.getScheme().equalsIgnoreCase(target.getScheme())
                    && allowed.getHost().equalsIgnoreCase(target.getHost())
                    && (allowed.getPort() == -1 || allowed.getPort() == target.getPort())
                    && path != null && (path.equals("/") || targetPath.equals(path) || targetPath.startsWith(path + "/"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A raw path as a lenient server could resolve it: percent-decoded (encoded dots and slashes
     * too) until nothing changes, backslashes as slashes, each segment's {@code ;parameters}
     * dropped (as servlet containers do), then {@code .} and {@code ..} segments resolved and
     * empty ones dropped. Null for a path that climbs above the root or cannot be decoded.
     */
    static String canonicalPath(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        for (int i = 0; path.indexOf('%') >= 0; i++) {
            if (i == MAX_DECODINGS) {
                return null;
            }
            path = percentDecoded(path);
            if (path == null) {
                return null;
            }
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
            if (name.equals("..")) {
                if (segments.pollLast() == null) {
                    return null;
                }
            } else if (!name.isEmpty() && !name.equals(".")) {
                segments.addLast(name);
            }
        }
        return "/" + String.join("/", segments);
    }

    /** {@code %XX} sequences as UTF-8 bytes; '+' stays (it is a space only in forms). Null when malformed. */
    private static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= text.length()) {
                return null;
            }
            int high = Character.digit(text.charAt(i + 1), 16);
            int low = Character.digit(text.charAt(i + 2), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Forwards the request; {@code answer} gets the Result (an HttpResponse object) or, through
     * {@code error}, why there is none.
     */
    void forward(String url, byte[] body, Consumer<JsonValue> answer, Consumer<String> error) {
        if (!isOn()) {
            error.accept("the http proxy is off on this server");
            return;
        }
        if (!allows(url)) {
            error.accept("'" + url + "' is not under an allowed upstream");
            return;
        }
        HttpRequest request;
        try {
            request = request(url, body);
        } catch (IllegalArgumentException | JsonException | ClassCastException e) {
            error.accept("not an HttpRequest {\"Header\", \"Body\", \"Method\"}: " + e.getMessage());
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> sent = httpClient().sendAsync(request, info -> HttpResponse.BodySubscribers
                .mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
                    try (in) {
                        byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                        if (bytes.length > MAX_RESPONSE_BYTES) {
                            throw new IllegalStateException("the answer is over " + MAX_RESPONSE_BYTES + " bytes");
                        }
                        return bytes;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
        sent.whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                answer.accept(SharedJson.PROVIDER.createObjectBuilder().add("Header", JsonValue.EMPTY_JSON_OBJECT)
                        .add("Body", "").add("Err", String.valueOf(cause.getMessage())).add("StatusCode", 0).build());
                return;
            }
            answer.accept(response(response));
        });
    }

    private HttpRequest request(String url, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonObject spec = text.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : SharedJson.readObject(text);
        String method = spec.getString("Method", "GET").toUpperCase(Locale.ROOT);
        String content = spec.getString("Body", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, content.isEmpty() && (method.equals("GET") || method.equals("DELETE"))
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(content));
        JsonObject headers = spec.containsKey("Header") ? spec.getJsonObject("Header") : JsonValue.EMPTY_JSON_OBJECT;
        for (Map.Entry<String, JsonValue> h : headers.entrySet()) {
            if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT)) && h.getValue() instanceof JsonString v) {
                builder.header(h.getKey(), v.getString());
            }
        }
        return builder.build();
    }

    private static JsonObject response(HttpResponse<byte[]> response) {
        JsonObjectBuilder headers = SharedJson.PROVIDER.createObjectBuilder();
        response.headers().map().forEach((name, values) -> headers.add(name, SharedJson.PROVIDER.createArrayBuilder(values)));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        JsonValue body;
        try {
            // the seed's Body is any value: JSON stays JSON, anything else is text
            body = text.isBlank() ? SharedJson.PROVIDER.createValue(text) : SharedJson.readValue(text);
        } catch (JsonException e) {
            body = SharedJson.PROVIDER.createValue(text);
        }
        return SharedJson.PROVIDER.createObjectBuilder().add("Header", headers).add("Body", body).add("Err", JsonValue.NULL)
                .add("StatusCode", response.statusCode()).build();
    }

    private HttpClient httpClient() {
        HttpClient c = client;
        if (c == null) {
            c = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
            client = c;
        }
        return c;
    }
}
