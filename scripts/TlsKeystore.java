import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the PEM files a CA gives (a certificate chain and its private key, e.g. Let's Encrypt's
 * {@code fullchain.pem} and {@code privkey.pem}) into the PKCS#12 keystore a Java server's TLS
 * listener reads, plus a properties file that points the server at it.
 *
 * <pre>
 * java scripts/TlsKeystore.java OUT-DIR                  # reads PARLEY_TLS_CERT and PARLEY_TLS_KEY
 * java scripts/TlsKeystore.java CERT.pem KEY.pem OUT-DIR
 * </pre>
 *
 * Writes {@code OUT-DIR/parley.p12} (the key under alias {@code parley}, with a random password) and
 * {@code OUT-DIR/tls.properties} ({@code javax.net.ssl.keyStore}, its password and type), both
 * readable by the owner only. Payara Micro takes the properties file as {@code --systemproperties};
 * WildFly's CLI as {@code --properties}. The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1
 * ({@code BEGIN RSA PRIVATE KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}); an encrypted key is refused
 * with the command that decrypts it. The key must belong to the chain's first certificate.
 *
 * <p>A single source file on the JDK alone, so that it runs before any server, with nothing to
 * download: Java 17 has no PEM reader, and the two key formats it lacks are a DER wrapper away.
 */
public final class TlsKeystore {

    static final String ALIAS = "parley";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    public static void main(String[] args) {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: java scripts/TlsKeystore.java [CERT.pem KEY.pem] OUT-DIR");
            System.exit(2);
        }
        try {
            Path cert = Path.of(args.length == 3 ? args[0] : env("PARLEY_TLS_CERT"));
            Path key = Path.of(args.length == 3 ? args[1] : env("PARLEY_TLS_KEY"));
            Path out = Path.of(args[args.length - 1]);
            List<X509Certificate> chain = certificates(read(cert), cert);
            PrivateKey privateKey = privateKey(read(key), key);
            requireMatch(privateKey, chain.get(0));
            write(chain, privateKey, out);
            X509Certificate leaf = chain.get(0);
            System.out.println("TLS keystore " + out.resolve("parley.p12") + ": " + leaf.getSubjectX500Principal().getName()
                    + ", valid until " + leaf.getNotAfter().toInstant() + ", " + chain.size() + " certificate(s)");
            if (leaf.getNotAfter().before(new Date())) {
                System.err.println("warning: the certificate expired on " + leaf.getNotAfter().toInstant());
            }
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            System.err.println("TlsKeystore: " + e.getMessage());
            System.exit(1);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set (the path of a PEM file)");
        }
        return value.trim();
    }

    private static String read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** Every {@code CERTIFICATE} block, in the file's order (leaf first, as CAs ship them). */
    static List<X509Certificate> certificates(String pem, Path file) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        Matcher block = PEM.matcher(pem);
        while (block.find()) {
            if (block.group(1).equals("CERTIFICATE")) {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der(block.group(2)))));
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    /** The first private key block, in whichever of the three unencrypted formats it comes. */
    static PrivateKey privateKey(String pem, Path file) throws GeneralSecurityException {
        Matcher block = PEM.matcher(pem);
        while (block.find()) {
            String label = block.group(1);
            String body = block.group(2);
            switch (label) {
                case "PRIVATE KEY":
                    return pkcs8(der(body));
                case "RSA PRIVATE KEY":
                    refuseEncrypted(body, file);
                    return pkcs8(wrap(RSA_ALGORITHM, der(body)));
                case "EC PRIVATE KEY":
                    refuseEncrypted(body, file);
                    byte[] sec1 = der(body);
                    return pkcs8(wrap(ecAlgorithm(sec1), sec1));
                case "ENCRYPTED PRIVATE KEY":
                    refuseEncrypted("Proc-Type: 4,ENCRYPTED", file);
                    break;
                default:
                    break; // EC PARAMETERS, certificates of a combined file: not the key
            }
        }
        throw new IllegalArgumentException(file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static void refuseEncrypted(String body, Path file) {
        if (body.contains("ENCRYPTED")) {
            throw new IllegalArgumentException(file + " is encrypted; decrypt it first: openssl pkey -in " + file
                    + " -out plain-key.pem (and keep that file as private as the original)");
        }
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("the private key is in no format this JDK reads", last);
    }

    /** Signs with the key and verifies with the certificate: a key for another certificate fails here, not in a handshake. */
    static void requireMatch(PrivateKey key, X509Certificate leaf) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "SHA256withRSA/PSS";
            default -> key.getAlgorithm(); // Ed25519, Ed448
        };
        byte[] probe = "parley".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (java.security.InvalidKeyException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + leaf.getSubjectX500Principal().getName() + " (the first one in the chain file)");
        }
    }

    private static void write(List<X509Certificate> chain, PrivateKey key, Path out) throws IOException, GeneralSecurityException {
        Files.createDirectories(out);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key, password, chain.toArray(new Certificate[0]));
        Path keystore = out.resolve("parley.p12").toAbsolutePath();
        try (OutputStream file = ownerOnly(keystore)) {
            store.store(file, password);
        }
        String properties = "# written by scripts/TlsKeystore.java from the PEM files; regenerate when they are renewed\n"
                + "javax.net.ssl.keyStore=" + keystore.toString().replace("\\", "/") + "\n"
                + "javax.net.ssl.keyStorePassword=" + new String(password) + "\n"
                + "javax.net.ssl.keyStoreType=PKCS12\n";
        try (OutputStream file = ownerOnly(out.resolve("tls.properties"))) {
            file.write(properties.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static OutputStream ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return Files.newOutputStream(file);
    }

    private static byte[] der(String base64) {
        StringBuilder clean = new StringBuilder();
        for (String line : base64.split("\\R")) {
            if (!line.contains(":")) { // RFC 1421 headers such as Proc-Type
                clean.append(line.trim());
            }
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a PEM block is not valid base64", e);
        }
    }

    // --- PKCS#1 and SEC1 keys wrapped into PKCS#8 (RFC 5208): SEQUENCE { 0, AlgorithmIdentifier, OCTET STRING key } ---

    /** AlgorithmIdentifier { rsaEncryption 1.2.840.113549.1.1.1, NULL }. */
    private static final byte[] RSA_ALGORITHM = tlv(0x30, concat(
            new byte[] {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01},
            new byte[] {0x05, 0x00}));

    /** AlgorithmIdentifier { id-ecPublicKey 1.2.840.10045.2.1, the curve named in the SEC1 key's [0] parameters }. */
    static byte[] ecAlgorithm(byte[] sec1) {
        byte[] curve = null;
        Der key = Der.read(sec1, 0).requireTag(0x30);
        for (int at = key.contentStart; at < key.end; ) {
            Der element = Der.read(sec1, at);
            if (element.tag == 0xa0) {
                curve = java.util.Arrays.copyOfRange(sec1, element.contentStart, element.end); // the curve's OID, tag and all
            }
            at = element.end;
        }
        if (curve == null || curve[0] != 0x06) {
            throw new IllegalArgumentException("the EC private key does not name its curve");
        }
        byte[] ecPublicKey = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
        return tlv(0x30, concat(ecPublicKey, curve));
    }

    static byte[] wrap(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One DER element's tag and extent, for the little reading a SEC1 key needs. */
    private record Der(int tag, int contentStart, int end) {

        static Der read(byte[] der, int at) {
            if (at + 2 > der.length) {
                throw new IllegalArgumentException("the key's DER encoding is truncated");
            }
            int tag = der[at] & 0xff;
            int length = der[at + 1] & 0xff;
            int start = at + 2;
            if (length >= 0x80) {
                int bytes = length & 0x7f;
                if (bytes < 1 || bytes > 3 || start + bytes > der.length) {
                    throw new IllegalArgumentException("the key's DER encoding has a bad length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[start + i] & 0xff);
                }
                start += bytes;
            }
            if (start + length > der.length) {
                throw new IllegalArgumentException("the key's DER encoding is truncated");
            }
            return new Der(tag, start, start + length);
        }

        Der requireTag(int expected) {
            if (tag != expected) {
                throw new IllegalArgumentException("the key's DER encoding is not a SEQUENCE");
            }
            return this;
        }
    }
}
