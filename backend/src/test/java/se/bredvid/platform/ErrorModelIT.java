package se.bredvid.platform;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ErrorModelIT implements PostgresBacked {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("test.echo.enabled", "true");
    }

    private HttpClientResponseException fails(HttpRequest<?> request) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(request, Argument.STRING, Argument.STRING));
    }

    private static void assertProblem(HttpClientResponseException e, HttpStatus status, String slug) {
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"type\":\"urn:bredvid:problem:" + slug + "\""), body);
        assertTrue(body.contains("\"status\":" + status.getCode()), body);
        assertFalse(body.contains("at se.bredvid") || body.contains("Exception"), "no stack trace: " + body);
    }

    @Test
    void validRequestIsAnswered() {
        String body = http.toBlocking().retrieve(
                HttpRequest.POST("/test/echo", "{\"name\":\"x\",\"count\":2}").contentType(MediaType.APPLICATION_JSON));
        assertTrue(body.contains("\"name\":\"x\""), body);
    }

    @Test
    void malformedJsonIsAProblem() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\": ").contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "malformed-body");
    }

    @Test
    void wrongTypeIsAProblem() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\":\"x\",\"count\":\"many\"}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "malformed-body");
    }

    @Test
    void unknownFieldIsAProblemWhereForbidden() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\":\"x\",\"count\":1,\"admin\":true}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "malformed-body");
    }

    @Test
    void constraintViolationsNameTheFields() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\":\"\",\"count\":11}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "validation");
        String body = e.getResponse().getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"field\":\"name\""), body);
        assertTrue(body.contains("\"field\":\"count\""), body);
    }

    @Test
    void aNulCharacterInAnyStringIsAProblemNamingTheField() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\":\"a\\u0000b\",\"count\":1}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "validation");
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"name\""));
    }

    @Test
    void aLoneSurrogateInAnyStringIsAProblemNamingTheField() {
        var e = fails(HttpRequest.POST("/test/echo", "{\"name\":\"\\udfff\",\"count\":1}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.BAD_REQUEST, "validation");
        assertTrue(e.getResponse().getBody(String.class).orElseThrow().contains("\"field\":\"name\""));
    }

    @Test
    void anAnonymousCallerOfAProtectedRouteGetsA401EvenWithAHostileBody() {
        var e = fails(HttpRequest.POST("/api/admin/organisations", "{\"name\":\"a\\u0000b\",\"x\":[null]}")
                .contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.UNAUTHORIZED, "unauthorized");
    }

    @Test
    void wrongPathTypeIsAProblem() {
        var e = fails(HttpRequest.GET("/test/echo/abc"));
        assertProblem(e, HttpStatus.BAD_REQUEST, "invalid-value");
    }

    @Test
    void tooLargeBodyIsAProblem() {
        String big = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"count\":1}";
        var e = fails(HttpRequest.POST("/test/echo", big).contentType(MediaType.APPLICATION_JSON));
        assertProblem(e, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large");
    }

    @Test
    void unknownRouteIsAProblem404() {
        var e = fails(HttpRequest.GET("/api/no-such-thing"));
        assertProblem(e, HttpStatus.NOT_FOUND, "not-found");
    }

    @Test
    void wrongMethodIsAProblem405() {
        var e = fails(HttpRequest.DELETE("/test/echo"));
        assertProblem(e, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
    }

    @Test
    void wrongMediaTypeIsAProblem() {
        var e = fails(HttpRequest.POST("/test/echo", "name=x").contentType(MediaType.TEXT_PLAIN));
        assertProblem(e, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
    }

    @Test
    void domainExceptionsBecomeProblems() {
        var e = fails(HttpRequest.GET("/test/echo/conflict"));
        assertProblem(e, HttpStatus.CONFLICT, "echo-conflict");
    }

    @Test
    void everyResponseCarriesARequestId() {
        var response = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertTrue(response.getHeaders().get("X-Request-Id").matches("[0-9a-f]{16}"));
    }
}
