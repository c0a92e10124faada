package se.bredvid.messaging.live;

import io.micronaut.core.annotation.NonBlocking;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * Live delivery of envelopes to a connected device. The upgrade itself is anonymous because browsers
 * cannot put an Authorization header on a WebSocket; the device authenticates with its access token in
 * the first frame (see {@link LiveFrames}) and nothing is sent to it before that.
 */
@ServerWebSocket("/api/live")
@Secured(SecurityRule.IS_ANONYMOUS)
class LiveSocket {

    private final LiveHub hub;

    LiveSocket(LiveHub hub) {
        this.hub = hub;
    }

    @OnOpen
    void open(WebSocketSession session, HttpRequest<?> request) {
        hub.opened(session, request);
    }

    /**
     * On the socket's event loop (the server's thread selection would otherwise put a void method on the blocking
     * executor): the hub hands on whatever may block (see {@link LiveHub}).
     */
    @OnMessage(maxPayloadLength = 1048576)
    @NonBlocking
    void message(String frame, WebSocketSession session) {
        hub.received(session, frame);
    }

    @OnClose
    void close(WebSocketSession session) {
        hub.closed(session);
    }

    @OnError
    void error(WebSocketSession session, Throwable error) {
        hub.failed(session, error);
    }
}
