package dev.parley;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/TlsKeystore.java}, run as operators run it ({@code java scripts/TlsKeystore.java}),
 * on the key formats CAs and openssl hand out: PKCS#8, PKCS#1 RSA, SEC1 EC (with the EC PARAMETERS
 * block openssl puts first); and the mistakes: a key for another certificate, an encrypted key, a
 * file without a certificate.
 */
class TlsKeystoreScriptTest {

    @TempDir
    Path work;

    @Test
    void aPkcs1RsaKeyBecomesAKeystoreTheServerCanOpen() throws Exception {
        TestCertificate rsa = TestCertificate.create(work.resolve("rsa"), "RSA");
        byte[] pkcs8 = rsa.key().getEncoded();
        Path pkcs1 = write("rsa-key.pem", TestCertificate.pem("RSA PRIVATE KEY", innerKey(pkcs8)));
        assertKeystoreHolds(rsa, run(rsa.certificate(), pkcs1, work.resolve("out-rsa")), work.resolve("out-rsa"));
    }

    @Test
    void aSec1EcKeyWithItsParametersBlockBecomesAKeystore() throws Exception {
        TestCertificate ec = TestCertificate.create(work.resolve("ec"), "EC");
        // openssl's SEC1 key names its curve in [0]; Java's PKCS#8 leaves that to the outer algorithm.
        byte[] p256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        byte[] sec1 = withCurve(innerKey(ec.key().getEncoded()), p256);
        Path key = write("ec-key.pem", TestCertificate.pem("EC PARAMETERS", p256) + TestCertificate.pem("EC PRIVATE KEY", sec1));
        assertKeystoreHolds(ec, run(ec.certificate(), key, work.resolve("out-ec")), work.resolve("out-ec"));
    }

    @Test
    void aPkcs8KeyAndAChainFileWithTextAroundIt() throws Exception {
        TestCertificate ec = TestCertificate.create(work.resolve("plain"), "EC");
        Path chain = write("fullchain.pem", "subject=CN=localhost\n" + Files.readString(ec.certificate()) + "\n");
        assertKeystoreHolds(ec, run(chain, ec.privateKey(), work.resolve("out-plain")), work.resolve("out-plain"));
    }

    @Test
    void mistakesAreRefusedWithWhatToDo() throws Exception {
        TestCertificate ec = TestCertificate.create(work.resolve("one"), "EC");
        TestCertificate other = TestCertificate.create(work.resolve("two"), "EC");
        Result mismatch = run(ec.certificate(), other.privateKey(), work.resolve("out-bad"));
        assertEquals(1, mismatch.exit());
        assertTrue(mismatch.output().contains("does not belong to the certificate"), mismatch.output());

        Path encrypted = write("encrypted.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjAp\n-----END ENCRYPTED PRIVATE KEY-----\n");
        Result locked = run(ec.certificate(), encrypted, work.resolve("out-bad"));
        assertEquals(1, locked.exit());
        assertTrue(locked.output().contains("openssl pkey -in"), locked.output());

        Result swapped = run(ec.privateKey(), ec.certificate(), work.resolve("out-bad"));
        assertEquals(1, swapped.exit());
        assertTrue(swapped.output().contains("holds no PEM certificate"), swapped.output());
        assertTrue(Files.notExists(work.resolve("out-bad").resolve("parley.p12")), "nothing half-written");
    }

    private void assertKeystoreHolds(TestCertificate expected, Result result, Path out) throws Exception {
        assertEquals(0, result.exit(), result.output());
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(out.resolve("tls.properties"))) {
            properties.load(in);
        }
        assertEquals("PKCS12", properties.getProperty("javax.net.ssl.keyStoreType"));
        Path keystore = Path.of(properties.getProperty("javax.net.ssl.keyStore"));
        char[] password = properties.getProperty("javax.net.ssl.keyStorePassword").toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        java.security.Key stored = store.getKey("parley", password);
        if (stored instanceof java.security.interfaces.ECPrivateKey ec) { // SEC1 keeps its [0] curve inside: same key, other bytes
            assertEquals(((java.security.interfaces.ECPrivateKey) expected.key()).getS(), ec.getS());
        } else {
            assertArrayEquals(expected.key().getEncoded(), stored.getEncoded());
        }
        assertEquals(expected.x509(), store.getCertificate("parley"));
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("tls.properties"))));
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path certificate, Path key, Path out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "scripts/TlsKeystore.java", certificate.toString(), key.toString(), out.toString())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the converter ended");
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /** The OCTET STRING at the end of a PKCS#8 PrivateKeyInfo: the PKCS#1 or SEC1 key inside. */
    private static byte[] innerKey(byte[] pkcs8) {
        int[] outer = header(pkcs8, 0);
        int at = outer[0];
        for (int field = 0; field < 2; field++) { // version, algorithm
            int[] element = header(pkcs8, at);
            at = element[0] + element[1];
        }
        int[] octets = header(pkcs8, at);
        return Arrays.copyOfRange(pkcs8, octets[0], octets[0] + octets[1]);
    }

    /** A SEC1 ECPrivateKey with {@code [0] curve} added after its private key octets. */
    private static byte[] withCurve(byte[] sec1, byte[] curveOid) {
        int[] outer = header(sec1, 0);
        int at = outer[0];
        for (int field = 0; field < 2; field++) { // version, privateKey
            int[] element = header(sec1, at);
            at = element[0] + element[1];
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(sec1, outer[0], at - outer[0]);
        content.write(0xa0);
        content.write(curveOid.length);
        content.writeBytes(curveOid);
        content.write(sec1, at, outer[0] + outer[1] - at);
        byte[] body = content.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        if (body.length < 0x80) {
            out.write(body.length);
        } else {
            out.write(0x81);
            out.write(body.length);
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** {content start, content length} of the DER element at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int length = der[at + 1] & 0xff;
        int start = at + 2;
        if (length >= 0x80) {
            int bytes = length & 0x7f;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[start + i] & 0xff);
            }
            start += bytes;
        }
        return new int[] {start, length};
    }
}
