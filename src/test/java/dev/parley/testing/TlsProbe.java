package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;

/**
 * A hand-made TLS ClientHello, to ask a server what the JDK's own client can no longer ask: whether it
 * still speaks TLS 1.1, or a suite without forward secrecy. The answer is the first record the server
 * sends back: a ServerHello (it accepted), an alert, or a closed connection (it refused).
 */
public final class TlsProbe {

    public static final int TLS_1_1 = 0x0302;
    public static final int TLS_1_2 = 0x0303;

    /** TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
    public static final int[] FORWARD_SECRET_AEAD = {0xC02B, 0xC02F};
    /** TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA and TLS_RSA_WITH_AES_128_CBC_SHA. */
    public static final int[] LEGACY_CBC = {0xC009, 0xC013, 0x002F};
    /** TLS_RSA_WITH_AES_128_GCM_SHA256: AEAD, but no forward secrecy. */
    public static final int[] STATIC_RSA = {0x009C};

    public enum Answer { SERVER_HELLO, ALERT, CLOSED }

    private TlsProbe() {
    }

    /** Sends a ClientHello of {@code version} offering {@code suites}, and classifies the first answer. */
    public static Answer hello(String host, int port, int version, int... suites) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(clientHello(version, suites));
            socket.getOutputStream().flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int contentType;
            try {
                contentType = in.readUnsignedByte();
                in.readUnsignedShort(); // record version
                in.readUnsignedShort(); // length
            } catch (EOFException | SocketTimeoutException | java.net.SocketException closed) {
                return Answer.CLOSED;
            }
            if (contentType == 21) {
                return Answer.ALERT;
            }
            if (contentType == 22 && in.readUnsignedByte() == 2) {
                return Answer.SERVER_HELLO;
            }
            throw new IOException("unexpected first record of type " + contentType);
        }
    }

    static byte[] clientHello(int version, int... suites) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        short16(body, version);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        short16(body, suites.length * 2);
        for (int suite : suites) {
            short16(body, suite);
        }
        body.write(1); // one compression method: null
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        // supported_groups: x25519, secp256r1
        extension(extensions, 0x000a, new byte[] {0, 4, 0, 0x1d, 0, 0x17});
        // ec_point_formats: uncompressed
        extension(extensions, 0x000b, new byte[] {1, 0});
        // signature_algorithms: ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256
        extension(extensions, 0x000d, new byte[] {0, 6, 0x04, 0x03, 0x08, 0x04, 0x04, 0x01});
        short16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // ClientHello
        int length = body.size();
        handshake.write(length >>> 16);
        short16(handshake, length & 0xffff);
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22); // handshake
        short16(record, 0x0301); // record layer version, as clients send it
        short16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        short16(out, type);
        short16(out, data.length);
        out.writeBytes(data);
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }
}
