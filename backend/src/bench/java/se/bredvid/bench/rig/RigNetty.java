package se.bredvid.bench.rig;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.AttributeKey;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The load generator's network clients on Netty, two event-loop threads for all of them: the JDK's HttpClient and
 * WebSocket cost the generator more CPU than the server spent on the same messages (issue 17: the generator
 * shares the two cores with the instance and PostgreSQL, while pgbench's own client is a few per cent), so what
 * was measured was partly the generator. Sockets and connections are plain HTTP/1.1 on loopback.
 */
final class RigNetty implements AutoCloseable {

    /** What a socket hears: its text frames, its end (a close code, or -1 for a broken connection). */
    interface SocketListener {
        void opened(Channel channel);

        void text(String frame);

        void ended(Channel channel, int code, Throwable error);
    }

    private static final int MAX_FRAME = 1 << 22;
    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    /** Opens a WebSocket to {@code uri}; the listener hears it once the handshake is done. */
    void connect(URI uri, SocketListener listener) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME).handleCloseFrames(false).handshakeTimeoutMillis(10_000).build();
        new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_FRAME),
                                new SocketHandler(listener));
                    }
                })
                .connect(uri.getHost(), uri.getPort()).addListener((ChannelFuture f) -> {
                    if (!f.isSuccess()) {
                        listener.ended(null, -1, f.cause());
                    }
                });
    }

    /** Sends a text frame on a socket (from any thread; Netty keeps each thread's frames in order). */
    static void send(Channel channel, String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    private static final class SocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final SocketListener listener;
        private boolean ended;

        SocketHandler(SocketListener listener) {
            this.listener = listener;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                listener.opened(ctx.channel());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text) {
                listener.text(text.text());
            } else if (frame instanceof CloseWebSocketFrame close) {
                end(ctx.channel(), close.statusCode(), null);
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            end(ctx.channel(), -1, null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            end(ctx.channel(), -1, cause);
            ctx.close();
        }

        private void end(Channel channel, int code, Throwable error) {
            if (!ended) {
                ended = true;
                listener.ended(channel, code, error);
            }
        }
    }

    // ---- HTTP: keep-alive connections, one request at a time on each ----

    private static final AttributeKey<CompletableFuture<Integer>> ANSWER = AttributeKey.valueOf("bredvid.rig.answer");
    private final ConcurrentLinkedQueue<Channel> idle = new ConcurrentLinkedQueue<>();
    private volatile Bootstrap http;

    /** POSTs a JSON body with a bearer token; completes with the status code once the whole answer is in. */
    CompletableFuture<Integer> post(URI base, String path, String token, byte[] body) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort())
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        Channel ch;
        while ((ch = idle.poll()) != null && !ch.isActive()) {
            // Closed while idle: try the next.
        }
        if (ch != null) {
            write(ch, request, answer);
        } else {
            httpBootstrap().connect(base.getHost(), base.getPort()).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    write(f.channel(), request, answer);
                } else {
                    request.release();
                    answer.completeExceptionally(f.cause());
                }
            });
        }
        return answer.orTimeout(60, TimeUnit.SECONDS);
    }

    private static void write(Channel ch, FullHttpRequest request, CompletableFuture<Integer> answer) {
        ch.attr(ANSWER).set(answer);
        ch.writeAndFlush(request).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                answer.completeExceptionally(f.cause());
                f.channel().close();
            }
        });
    }

    private Bootstrap httpBootstrap() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = new Bootstrap().group(loop).channel(NioSocketChannel.class).option(ChannelOption.TCP_NODELAY, true)
                            .handler(new ChannelInitializer<SocketChannel>() {
                                @Override
                                protected void initChannel(SocketChannel ch) {
                                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20), new HttpHandler());
                                }
                            });
                }
            }
        }
        return http;
    }

    private final class HttpHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            CompletableFuture<Integer> answer = ctx.channel().attr(ANSWER).getAndSet(null);
            int status = response.status().code();
            if (HttpUtil.isKeepAlive(response)) {
                idle.add(ctx.channel());
            } else {
                ctx.close();
            }
            if (answer != null) {
                answer.complete(status);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<Integer> answer = ctx.channel().attr(ANSWER).getAndSet(null);
            if (answer != null) {
                answer.completeExceptionally(new java.io.IOException("connection closed before the answer"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<Integer> answer = ctx.channel().attr(ANSWER).getAndSet(null);
            if (answer != null) {
                answer.completeExceptionally(cause);
            }
            ctx.close();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
