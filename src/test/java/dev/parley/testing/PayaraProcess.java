package dev.parley.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parley in a Payara Micro process: {@code java -jar payara-micro.jar --deploy parley.war}, no other flag. */
public final class PayaraProcess extends ServerProcess {

    private final List<String> options;

    PayaraProcess(List<String> options) {
        this.options = List.copyOf(options);
    }

    /**
     * Boots Payara Micro with these options (e.g. the {@code --clustername}/{@code --clustermode} of a
     * test cluster) and waits until Parley reports ready.
     */
    public static PayaraProcess start(Path workDir, Map<String, String> environment, List<String> options)
            throws IOException, InterruptedException {
        PayaraProcess payara = new PayaraProcess(options);
        payara.launch(workDir, environment);
        return payara;
    }

    @Override
    List<String> command(int port, Path root) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m",
                "-jar", required("payara.microJar"),
                "--deploy", required("parley.war"), "--contextroot", "/",
                "--port", Integer.toString(port), "--rootdir", root.toString()));
        command.addAll(options);
        return command;
    }
}
