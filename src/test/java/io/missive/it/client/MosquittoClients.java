package io.missive.it.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's mosquitto_pub and mosquitto_sub (package mosquitto-clients), installed when absent
 * ({@link DebianPackages}).
 */
public final class MosquittoClients {

    private static Path bin;

    private MosquittoClients() {
    }

    /** The directory of the two commands, installing them first if they are missing. */
    public static synchronized Path ensureInstalled() throws IOException, InterruptedException {
        if (bin != null) {
            return bin;
        }
        for (String dir : new String[]{"/usr/bin", "/usr/local/bin"}) {
            if (Files.isExecutable(Path.of(dir, "mosquitto_pub")) && Files.isExecutable(Path.of(dir, "mosquitto_sub"))) {
                bin = Path.of(dir);
                return bin;
            }
        }
        DebianPackages.ensureInstalled(List.of("mosquitto-clients"),
                List.of(Path.of("/usr/bin/mosquitto_pub"), Path.of("/usr/bin/mosquitto_sub")));
        bin = Path.of("/usr/bin");
        return bin;
    }
}
