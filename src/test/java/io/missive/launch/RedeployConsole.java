package io.missive.launch;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A Payara Micro whose deployment a test can take down and bring back: the main class of a Payara
 * Micro JVM started with {@code -cp payara-micro.jar:<test classes>} instead of {@code -jar}. It
 * boots Payara Micro with the usual command-line arguments through Payara Micro's embedding API
 * ({@code PayaraMicroLauncher.create(args)}), then obeys lines on standard input:
 * {@code undeploy} takes every application down, {@code deploy} deploys the WAR named by
 * {@code --deploy} again at the same context root. Each command is answered by one line starting
 * with {@value #ANSWER} on standard output.
 *
 * <p>Why not the CLI: Payara Micro's {@code --hotdeploy} directory does not undeploy a WAR that is
 * deleted, and Payara Micro has no admin listener for {@code asadmin undeploy}. The embedding API
 * is reached by reflection, so the test class path needs no Payara jar.
 */
public final class RedeployConsole {

    /** The prefix of every answer line. */
    public static final String ANSWER = "redeploy-console:";

    private RedeployConsole() {
    }

    /** Where this class is loaded from: the class path entry to start it with. */
    public static Path classPath() {
        try {
            return Path.of(RedeployConsole.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        File war = new File(argumentAfter(args, "--deploy"));
        String contextRoot = argumentAfter(args, "--contextroot");

        Class<?> launcher = Class.forName("fish.payara.micro.boot.PayaraMicroLauncher");
        Class<?> bootType = Class.forName("fish.payara.micro.boot.PayaraMicroBoot");
        Class<?> runtimeType = Class.forName("fish.payara.micro.PayaraMicroRuntime");
        // create() boots as the command line would, deployment included
        Object boot = launcher.getMethod("create", String[].class).invoke(null, (Object) args);
        Object runtime = bootType.getMethod("getRuntime").invoke(boot);
        Method names = runtimeType.getMethod("getDeployedApplicationNames");
        Method undeploy = runtimeType.getMethod("undeploy", String.class);
        Method deploy = runtimeType.getMethod("deploy", String.class, String.class, File.class);
        String appName = war.getName().replaceFirst("\\.war$", "");

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String answer;
            try {
                answer = switch (line.trim()) {
                    case "undeploy" -> {
                        for (Object name : (Collection<?>) names.invoke(runtime)) {
                            undeploy.invoke(runtime, (String) name);
                        }
                        yield "undeployed, left " + names.invoke(runtime);
                    }
                    case "deploy" -> "deployed " + deploy.invoke(runtime, appName, contextRoot, war)
                            + ", now " + names.invoke(runtime);
                    default -> "unknown command " + line;
                };
            } catch (ReflectiveOperationException | RuntimeException e) {
                answer = "failed " + e;
            }
            System.out.println(ANSWER + " " + answer);
            System.out.flush();
        }
    }

    private static String argumentAfter(String[] args, String option) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(option)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + option);
    }
}
