package org.oscartransport.oscar.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.oscartransport.oscar.login.LoginHash;
import org.oscartransport.oscar.tlv.Tlv;
import org.oscartransport.oscar.tlv.TlvChain;

/**
 * A blocking, byte-level OSCAR client for poking the emulator the way other clients (libpurple) do, without
 * our own session logic in the way. Buffers are unpooled heap buffers, so nothing here can leak.
 */
final class RawOscarConnection implements AutoCloseable {

    record Frame(int channel, ByteBuf payload) {}

    record RawSnac(int family, int subtype, int flags, long requestId, ByteBuf body) {}

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int sequence;

    RawOscarConnection(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 2000);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** BUCP login, then a BOS connection on the returned address with the cookie; returns it after host online. */
    static RawOscarConnection signOn(InetSocketAddress server, String uin, String password) throws IOException {
        byte[] cookie;
        String bos;
        try (RawOscarConnection login = new RawOscarConnection(server)) {
            login.sendFrame(1, Unpooled.buffer().writeInt(1));
            login.sendSnac(0x0017, 0x0006, 1, chain(Tlv.ascii(1, uin)));
            ByteBuf challenge = login.expectSnac(0x0017, 0x0007).body();
            byte[] key = new byte[challenge.readUnsignedShort()];
            challenge.readBytes(key);
            byte[] hash = LoginHash.strong(key, password.getBytes(StandardCharsets.UTF_8));
            login.sendSnac(0x0017, 0x0002, 2, chain(Tlv.ascii(1, uin), new Tlv(0x0025, hash), Tlv.empty(0x004C)));
            TlvChain reply = TlvChain.readChain(login.expectSnac(0x0017, 0x0003).body());
            cookie = reply.bytes(0x0006);
            bos = reply.ascii(0x0005);
        }
        int colon = bos.lastIndexOf(':');
        RawOscarConnection connection = new RawOscarConnection(
                new InetSocketAddress(bos.substring(0, colon), Integer.parseInt(bos.substring(colon + 1))));
        ByteBuf hello = Unpooled.buffer().writeInt(1);
        TlvChain.of(new Tlv(0x0006, cookie)).writeChain(hello);
        connection.sendFrame(1, hello);
        return connection;
    }

    static ByteBuf chain(Tlv... tlvs) {
        ByteBuf b = Unpooled.buffer();
        TlvChain.of(tlvs).writeChain(b);
        return b;
    }

    void sendFrame(int channel, ByteBuf payload) throws IOException {
        byte[] header = {0x2A, (byte) channel, (byte) (sequence >> 8), (byte) sequence,
            (byte) (payload.readableBytes() >> 8), (byte) payload.readableBytes()};
        sequence = (sequence + 1) & 0x7FFF;
        byte[] body = new byte[payload.readableBytes()];
        payload.readBytes(body);
        out.write(header);
        out.write(body);
        out.flush();
    }

    void sendSnac(int family, int subtype, long requestId, ByteBuf body) throws IOException {
        ByteBuf payload = Unpooled.buffer();
        payload.writeShort(family).writeShort(subtype).writeShort(0).writeInt((int) requestId);
        payload.writeBytes(body);
        sendFrame(2, payload);
    }

    Frame readFrame() throws IOException {
        byte[] header = new byte[6];
        in.readFully(header);
        if (header[0] != 0x2A) {
            throw new IOException("bad marker");
        }
        byte[] payload = new byte[((header[4] & 0xFF) << 8) | (header[5] & 0xFF)];
        in.readFully(payload);
        return new Frame(header[1], Unpooled.wrappedBuffer(payload));
    }

    /** Reads SNACs until one of the wanted type arrives, skipping everything else. */
    RawSnac expectSnac(int family, int subtype) throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.channel() != 2) {
                continue;
            }
            ByteBuf p = frame.payload();
            RawSnac snac = new RawSnac(p.readUnsignedShort(), p.readUnsignedShort(), p.readUnsignedShort(),
                    p.readUnsignedInt(), p);
            if (snac.family() == family && snac.subtype() == subtype) {
                return snac;
            }
        }
    }

    /** Reads SNACs until one of the wanted family arrives, skipping everything else. */
    RawSnac expectSnacOf(int family) throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.channel() != 2) {
                continue;
            }
            ByteBuf p = frame.payload();
            RawSnac snac = new RawSnac(p.readUnsignedShort(), p.readUnsignedShort(), p.readUnsignedShort(),
                    p.readUnsignedInt(), p);
            if (snac.family() == family) {
                return snac;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
