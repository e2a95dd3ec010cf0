package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.fragments.Distributability;
import io.github.clusterready.tomcat.fragments.DistributabilityCheck;
import io.github.clusterready.tomcat.war.WarArchive;
import io.github.clusterready.tomcat.war.WarException;
import java.io.IOException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Fails the build unless Tomcat will really replicate the WAR's sessions: {@code WEB-INF/web.xml} must be
 * distributable, and so must every {@code web-fragment.xml} Tomcat merges into it, or Tomcat silently turns
 * replication off. Then runs the session analysis of {@code session-check}. Reads each library jar through its
 * central directory, in place or inflated once into memory; extracts nothing. Binds by default to the
 * {@code verify} phase.
 *
 * @since 1.0.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public final class VerifyMojo extends AbstractSessionMojo {

    /**
     * Fail the build when the WAR will not replicate sessions; with {@code false} the reasons are logged as
     * warnings and the build goes on.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnError", defaultValue = "true")
    private boolean failOnError;

    @Override
    String goal() {
        return "verify";
    }

    @Override
    String purpose() {
        return "verify";
    }

    @Override
    void run() throws MojoFailureException, IOException, DescriptorException, WarException {
        String war = shown(war());
        Distributability result;
        SessionCheck sessions;
        try (WarArchive archive = WarArchive.open(war(), war)) {
            long started = System.nanoTime();
            result = new DistributabilityCheck().check(archive, war);
            getLog().debug("Checked web.xml and the web fragments of " + war + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            sessions = checkSessions(archive, war);
        }
        String sessionFailure = sessions.failure;
        if (result.isDistributable() && sessionFailure == null) {
            getLog().info("WAR " + war + " is distributable: web.xml + " + fragments(result) + " checked; sessions: "
                    + sessions.summary);
            return;
        }
        if (result.isDistributable()) {
            // not "is distributable" right before the failure: the WAR will not replicate what the failure names
            getLog().info("Session check of " + war + ": " + sessions.summary + "; web.xml + " + fragments(result)
                    + " checked, all distributable");
            failIfAny(sessionFailure);
        }
        getLog().info("Session check of " + war + ": " + sessions.summary);
        StringBuilder message = new StringBuilder("WAR " + war + " will not replicate sessions in Tomcat:");
        for (String problem : result.problems()) {
            message.append(System.lineSeparator()).append("  - ").append(problem);
        }
        if (failOnError) {
            failIfAny(message.toString(), sessionFailure);
        }
        getLog().warn(message + System.lineSeparator() + "(tomcat-cluster.failOnError is false: the build goes on)");
        failIfAny(sessionFailure);
    }

    private static String fragments(Distributability result) {
        if (result.isMetadataComplete()) {
            return "no fragments (metadata-complete)";
        }
        int count = result.mergedFragments().size();
        return count + (count == 1 ? " fragment" : " fragments");
    }
}
