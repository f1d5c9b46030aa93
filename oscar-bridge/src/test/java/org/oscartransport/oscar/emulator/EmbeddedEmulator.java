package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.oscartransport.oscar.flap.FlapFrame;
import org.oscartransport.oscar.flap.OscarPipeline;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * Emulator connections without sockets: the real codecs and {@link EmulatorConnectionHandler} on EmbeddedChannels,
 * sharing one registry and relay as the connections of one {@link OscarEmulator} do. Every client appears to
 * connect from {@link #CLIENT_IP}.
 */
final class EmbeddedEmulator {

    static final byte[] CLIENT_IP = {(byte) 192, 0, 2, 7};

    final EmulatorRegistry registry = new EmulatorRegistry();
    private final IcbmRelay relay = new IcbmRelay(registry);
    private final Presence presence = new Presence(registry);
    private final Accounts accounts;

    EmbeddedEmulator(Accounts accounts) {
        this.accounts = accounts;
    }

    /** What the emulator announces and enforces (rate classes, ICBM size) for connections signing on later. */
    EmulatorOptions options() {
        return relay.options();
    }

    /** A fresh connection, as a login connection starts. */
    EmbeddedChannel connect() {
        return new InetEmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                OscarPipeline.addCodecs(ch.pipeline());
                ch.pipeline().addLast(new EmulatorConnectionHandler(accounts, registry, relay, presence));
            }
        });
    }

    /** A BOS connection signed on as {@code uin} with a cookie from the registry (the login step skipped). */
    EmbeddedChannel signedOn(String uin) {
        EmbeddedChannel ch = connect();
        ByteBuf payload = ch.alloc().buffer().writeInt(1);
        TlvChain.of(new Tlv(0x0006, registry.issueCookie(uin))).writeChain(payload);
        ch.writeInbound(flap(ch, FlapFrame.CHANNEL_SIGNON, payload));
        if (registry.find(uin) == null) {
            throw new AssertionError(uin + " did not sign on");
        }
        return ch;
    }

    /** A FLAP frame as a client writes it; takes ownership of {@code payload}. */
    static ByteBuf flap(EmbeddedChannel ch, int channel, ByteBuf payload) {
        ByteBuf frame = ch.alloc().buffer().writeByte(FlapFrame.MARKER).writeByte(channel)
                .writeShort(0).writeShort(payload.readableBytes()).writeBytes(payload);
        payload.release();
        return frame;
    }

    /** EmbeddedChannel with IP addresses, which the login reply and the verified-IP rewrite need. */
    private static final class InetEmbeddedChannel extends EmbeddedChannel {
        InetEmbeddedChannel(ChannelHandler handler) {
            super(handler);
        }

        @Override
        protected SocketAddress localAddress0() {
            return new InetSocketAddress("127.0.0.1", 5190);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("192.0.2.7", 40000);
        }
    }
}
