package io.missive.auth;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing key of access tokens: generated, or read from a configured PEM text or file. */
class AccessTokensTest {

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void aGeneratedKeyBecomesASigningJwkWithItsPublicHalfAndAThumbprintId() {
        byte[] pkcs8 = AccessTokens.newKey();
        RSAKey jwk = AccessTokens.toJwk(pkcs8);
        assertThat(jwk.isPrivate()).isTrue();
        assertThat(jwk.getKeyID()).isNotBlank();
        assertThat(jwk.toPublicJWK().isPrivate()).isFalse();
        assertThat(AccessTokens.toJwk(pkcs8).getKeyID()).as("the id follows from the key").isEqualTo(jwk.getKeyID());
    }

    @Test
    void aConfiguredPemIsReadAsTextOrFromAFile(@TempDir Path dir) throws Exception {
        byte[] pkcs8 = AccessTokens.newKey();
        assertThat(AccessTokens.readPem(pem(pkcs8))).isEqualTo(pkcs8);
        Path file = Files.writeString(dir.resolve("token.pem"), pem(pkcs8));
        assertThat(AccessTokens.readPem(file.toString())).isEqualTo(pkcs8);
    }

    @Test
    void anythingElseStopsWithAMessageNamingTheSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> AccessTokens.readPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining(AccessTokens.PRIVATE_KEY).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> AccessTokens.readPem(dir.resolve("missing.pem").toString()))
                .hasMessageContaining(AccessTokens.PRIVATE_KEY).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> AccessTokens.toJwk(new byte[]{1, 2, 3}))
                .hasMessageContaining(AccessTokens.PRIVATE_KEY);
    }
}
