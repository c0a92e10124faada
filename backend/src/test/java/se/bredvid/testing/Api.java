package se.bredvid.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A small JSON client for API tests: every call returns status and body, whatever the status. */
public final class Api {

    public record Response(int status, String body, HttpResponse<?> raw, JsonMapper mapper) {
        public JsonNode json() {
            try {
                return mapper.readValue(body, JsonNode.class);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String text(String field) {
            JsonNode n = json().get(field);
            return n == null || n.isNull() ? null : n.coerceStringValue();
        }

        public String problemType() {
            return text("type");
        }

        public String contentType() {
            return raw.getContentType().map(MediaType::toString).orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient client;
    private final JsonMapper mapper;

    public Api(HttpClient client, JsonMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    public Response get(String path, String token) {
        return send(HttpMethod.GET, path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send(HttpMethod.POST, path, token, body);
    }

    public Response put(String path, String token, Object body) {
        return send(HttpMethod.PUT, path, token, body);
    }

    public Response delete(String path, String token) {
        return send(HttpMethod.DELETE, path, token, null);
    }

    public Response send(HttpMethod method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    /** With extra request headers, e.g. {@code X-Forwarded-For} as the trusted proxy of the tests would send it. */
    public Response send(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
        MutableHttpRequest<Object> request = HttpRequest.create(method, path);
        headers.forEach(request::header);
        if (body != null) {
            try {
                request.body(body instanceof String s ? s : mapper.writeValueAsString(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            request.contentType(MediaType.APPLICATION_JSON);
        }
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            HttpResponse<String> r = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
            return new Response(r.getStatus().getCode(), r.getBody().orElse(""), r, mapper);
        } catch (HttpClientResponseException e) {
            return new Response(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""),
                    e.getResponse(), mapper);
        }
    }
}
