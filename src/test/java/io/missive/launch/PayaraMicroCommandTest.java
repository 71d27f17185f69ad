package io.missive.launch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Payara Micro's pool comes from the operator's server-config/payara-jdbc.asadmin, placeholders filled. */
class PayaraMicroCommandTest {

    @Test
    void theOperatorsScriptIsRunWithItsPlaceholdersFilledAndEscaped() throws Exception {
        List<String> commands = PayaraMicroCommand.postBootCommands("jdbc:postgresql://db.example:5433/missive",
                "missive", "se:cr=et");
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).startsWith("create-jdbc-connection-pool ")
                .contains("serverName=db.example:portNumber=5433:databaseName=missive:user=missive:password=se\\:cr\\=et")
                .contains("--wrapjdbcobjects false")
                .doesNotContain("DB_");
        assertThat(commands.get(1)).isEqualTo("create-jdbc-resource --connectionpoolid missive-pool jdbc/missive");
    }

    @Test
    void aUrlWithParametersIsRefusedRatherThanSilentlyCut() {
        assertThatThrownBy(() -> PayaraMicroCommand.postBootCommands("jdbc:postgresql://h:5432/db?ssl=true", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port/name");
    }

    @Test
    void httpWorkersAreFourPerProcessorAndAtLeastSixteen() {
        assertThat(PayaraMicroCommand.maxHttpThreads(2)).isEqualTo(16);
        assertThat(PayaraMicroCommand.maxHttpThreads(16)).isEqualTo(64);
    }
}
