package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare-bones WebSocket client that never answers pings: it plays a peer that has gone silent,
 * which the JDK client (it always answers pings) cannot.
 */
public final class RawSocket implements AutoCloseable {

    public static final int OPCODE_TEXT = 1;
    public static final int OPCODE_CLOSE = 8;
    public static final int OPCODE_PING = 9;

    /** One received frame. */
    public record Frame(int opcode, byte[] payload) {
        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawSocket(URI httpBase, String path, String authorization) throws IOException {
        this(httpBase, path, authorization, 0);
    }

    /** @param receiveBuffer the socket's receive buffer in bytes (0: the system default); small plays a slow reader */
    public RawSocket(URI httpBase, String path, String authorization, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress(httpBase.getHost(), httpBase.getPort()));
        socket.setSoTimeout((int) SocketClient.TIMEOUT.toMillis() * 2);
        in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        String target = httpBase.getPath().endsWith("/") ? httpBase.getPath() + path : httpBase.getPath() + "/" + path;
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + httpBase.getHost() + ":" + httpBase.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: " + authorization + "\r\n\r\n";
        this.out = out;
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readHeaders();
        if (!status.contains(" 101 ")) {
            throw new IOException("upgrade refused: " + status);
        }
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the handshake");
            }
            headers.write(b);
            matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
        }
        String text = headers.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.indexOf('\r'));
    }

    /** Reads the next frame (blocking, with the socket's read timeout). */
    public Frame read() throws IOException {
        int first = readByte();
        int second = readByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = ((long) readByte() << 8) | readByte();
        } else if (length == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = (length << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) length);
        return new Frame(first & 0x0f, payload);
    }

    /** Sends one masked text frame, as a client must. */
    public void sendText(String text) throws IOException {
        sendFrame(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame with any opcode and payload (invalid UTF-8 in a text frame included). */
    public void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            throw new IllegalArgumentException("frames over 64 KiB are not needed here");
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        frame.write(mask, 0, 4);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads (and drops) frames until the server's close frame, and returns that. */
    public Frame readUntilClose() throws IOException {
        Frame frame;
        do {
            frame = read();
        } while (frame.opcode() != OPCODE_CLOSE);
        return frame;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("connection closed");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
