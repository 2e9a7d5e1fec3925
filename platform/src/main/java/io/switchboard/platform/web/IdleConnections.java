package io.switchboard.platform.web;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Closes a server connection on which nothing has been read for {@code switchboard.web.idle-timeout}: an
 * abandoned or stalled client holds no socket for ever. A Netty idle handler at the head of each connection's
 * pipeline, for the connection's whole life; not Reactor Netty's own {@code server.netty.idle-timeout}, which
 * is armed and disarmed around each request and with which a request here sometimes got no answer at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdleConnections.Settings.class)
public class IdleConnections {

    /** @param idleTimeout how long a connection may send nothing before it is closed */
    @ConfigurationProperties("switchboard.web")
    public record Settings(@DefaultValue("120s") Duration idleTimeout) {
    }

    @Bean
    NettyServerCustomizer idleConnectionsClosed(Settings settings) {
        long millis = settings.idleTimeout().toMillis();
        return server -> server.doOnChannelInit((observer, channel, address) ->
                channel.pipeline().addFirst("switchboard-idle", new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS) {
                    @Override
                    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
                        ctx.close();
                    }
                }));
    }
}
