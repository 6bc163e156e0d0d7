package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's
 * {@code keytool} and written as the PEM files an operator gets from a CA ({@code cert.pem},
 * {@code key.pem} in PKCS#8), with a client {@link SSLContext} that trusts this certificate and
 * nothing else.
 */
public record TestCertificate(Path certificate, Path privateKey, X509Certificate x509, PrivateKey key, SSLContext trustingOnlyIt) {

    public static TestCertificate create(Path folder) throws IOException, GeneralSecurityException, InterruptedException {
        return create(folder, "EC");
    }

    /** @param keyAlgorithm {@code EC} (P-256) or {@code RSA} (2048 bits) */
    public static TestCertificate create(Path folder, String keyAlgorithm) throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(folder);
        Path store = folder.resolve("generated.p12");
        char[] password = "generated".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "parley", "-keyalg", keyAlgorithm, keyAlgorithm.equals("EC") ? "-groupname" : "-keysize",
                keyAlgorithm.equals("EC") ? "secp256r1" : "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(password))
                .redirectErrorStream(true).redirectOutput(folder.resolve("keytool.log").toFile()).start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(folder.resolve("keytool.log")));
        }
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            generated.load(in, password);
        }
        PrivateKey key = (PrivateKey) generated.getKey("parley", password);
        X509Certificate certificate = (X509Certificate) generated.getCertificate("parley");
        Path certFile = Files.writeString(folder.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
        Path keyFile = Files.writeString(folder.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        Files.delete(store);
        return new TestCertificate(certFile, keyFile, certificate, key, trusting(certificate));
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static SSLContext trusting(X509Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("parley", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Runs the operator's converter ({@code scripts/TlsKeystore.java}) on the PEM files, as the
     * {@code tls} Maven profile does, and returns the properties file it wrote next to the keystore.
     */
    public Path keystore(Path folder) throws IOException, InterruptedException {
        return keystore(folder, certificate, privateKey);
    }

    /** The converter on any pair of files; fails with its output unless it succeeds. */
    public static Path keystore(Path folder, Path certificate, Path privateKey) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Path out = folder.resolve("keystore");
        Process converter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("parley.tlsKeystore", "scripts/TlsKeystore.java"), certificate.toString(), privateKey.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("converter.log").toFile()).start();
        if (!converter.waitFor(120, TimeUnit.SECONDS) || converter.exitValue() != 0) {
            throw new IllegalStateException("scripts/TlsKeystore.java failed: " + Files.readString(folder.resolve("converter.log")));
        }
        return out.resolve("tls.properties");
    }

    /** The Payara Micro options that serve HTTPS on {@code httpsPort} with the converted keystore. */
    public List<String> payaraOptions(Path folder, int httpsPort) throws IOException, InterruptedException {
        return List.of("--sslport", Integer.toString(httpsPort), "--sslcert", "parley",
                "--systemproperties", keystore(folder).toString());
    }
}
