package io.github.clusterready.tomcat.runtime;

import io.github.clusterready.tomcat.probe.ProbeProtocol;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts one node: Tomcat's {@code Bootstrap} on the given JVM, home and base. */
final class NodeCommand {
    private NodeCommand() {
    }

    /**
     * {@code java [jvmArguments] -Dcatalina.home=… -Dcatalina.base=… … Bootstrap start}.
     *
     * @param newCluster whether every node starts now, so that no node holds session state to ask for
     */
    static List<String> of(Path java, List<String> jvmArguments, Path home, Path base, boolean newCluster) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArguments);
        command.add("-Dcatalina.home=" + home);
        command.add("-Dcatalina.base=" + base);
        command.add("-Djava.io.tmpdir=" + base.resolve("temp"));
        command.add("-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager");
        command.add("-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"));
        // the path to the offending field in NotSerializableException's message, which the probe reports
        command.add("-Dsun.io.serialization.extendedDebugInfo=true");
        command.add("-D" + ProbeProtocol.WATCH_STANDARD_INPUT + "=true");
        if (newCluster) {
            command.add("-D" + ProbeProtocol.NEW_CLUSTER + "=true");
        }
        // Tomcat's messages, which the plugin reads, in English
        command.add("-Duser.language=en");
        command.add("-Duser.country=US");
        command.add("-cp");
        command.add(home.resolve("bin/bootstrap.jar") + File.pathSeparator + home.resolve("bin/tomcat-juli.jar"));
        command.add("org.apache.catalina.startup.Bootstrap");
        command.add("start");
        return command;
    }

    /** Whether a process's command line is the one of the node whose base is {@code base}. */
    static boolean isNodeOf(String commandLine, Path base) {
        return commandLine.contains("-Dcatalina.base=" + base.toAbsolutePath());
    }
}
