package io.missive.launch;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS12 keystore holding one self-signed certificate for localhost and 127.0.0.1, made with
 * the running JDK's {@code keytool} when the file does not exist yet. Payara Micro serves HTTPS
 * with it (see {@link PayaraMicroCommand}); clients trust it with {@link #trustingSslContext()}.
 */
public final class SelfSignedKeystore {

    public static final String DEFAULT_ALIAS = "missive";
    public static final String DEFAULT_PASSWORD = "changeit";

    private final Path file;
    private final String password;
    private final String alias;

    private SelfSignedKeystore(Path file, String password, String alias) {
        this.file = file;
        this.password = password;
        this.alias = alias;
    }

    /** The keystore at {@code file}, generated first (self-signed, alias {@value #DEFAULT_ALIAS}) if it is missing. */
    public static SelfSignedKeystore ensure(Path file, String password) throws IOException {
        if (!Files.exists(file)) {
            generate(file, password, DEFAULT_ALIAS);
        }
        return existing(file, password);
    }

    /** A keystore that must exist already (one configured by the user); its first key entry is the server's. */
    public static SelfSignedKeystore existing(Path file, String password) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Keystore " + file.toAbsolutePath() + " does not exist");
        }
        KeyStore keyStore = load(file, password);
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    return new SelfSignedKeystore(file.toAbsolutePath(), password, alias);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read keystore " + file.toAbsolutePath(), e);
        }
        throw new IOException("Keystore " + file.toAbsolutePath() + " has no private key entry");
    }

    private static void generate(Path file, String password, String alias) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // keytool writes into a temporary file that is moved into place once complete
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> command = List.of(keytool, "-genkeypair",
                "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650",
                "-dname", "CN=localhost, O=Missive (self-signed)",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12",
                "-keystore", tmp.toString(),
                "-storepass", password,
                "-keypass", password);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for keytool", e);
        }
        if (process.exitValue() != 0 || !Files.exists(tmp)) {
            throw new IOException("keytool failed (exit " + process.exitValue() + "): " + output.trim());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyStore load(Path file, String password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            return keyStore;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read keystore " + file.toAbsolutePath() + " (wrong password?)", e);
        }
    }

    public Path file() {
        return file;
    }

    public String password() {
        return password;
    }

    public String alias() {
        return alias;
    }

    /** The server's certificate. */
    public X509Certificate certificate() throws IOException {
        try {
            return (X509Certificate) load(file, password).getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read certificate " + alias + " of " + file, e);
        }
    }

    /** A client-side TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingSslContext() throws IOException {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(alias, certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build a TLS context trusting " + file, e);
        }
    }
}
