package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Runs only the session analysis of {@code verify}: fails the build when the WAR's classes store in an HTTP session
 * an object that Tomcat cannot serialize once the webapp is distributable ({@code setAttribute} throws
 * {@code IllegalArgumentException}, or replication fails with {@code NotSerializableException}). Reads the class
 * files from the WAR with ASM; loads and runs none of them. Binds by default to the {@code verify} phase.
 *
 * @since 1.0.0
 */
@Mojo(name = "session-check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class SessionCheckMojo extends AbstractSessionMojo {

    @Override
    String goal() {
        return "session-check";
    }

    @Override
    String purpose() {
        return "check";
    }

    @Override
    void run() throws MojoFailureException, IOException, DescriptorException, WarException {
        String war = shown(war());
        try (WarArchive archive = WarArchive.open(war(), war)) {
            SessionCheck check = checkSessions(archive, war);
            getLog().info("Session check of " + war + ": " + check.summary);
            failIfAny(check.failure);
        }
    }
}
