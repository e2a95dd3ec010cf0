package io.github.clusterready.tomcat.maven;

import io.github.clusterready.tomcat.cluster.ClusterConfigException;
import io.github.clusterready.tomcat.cluster.ClusterSettings;
import io.github.clusterready.tomcat.cluster.LineChoice;
import io.github.clusterready.tomcat.descriptor.DescriptorException;
import io.github.clusterready.tomcat.runtime.Acceptance;
import io.github.clusterready.tomcat.runtime.ClusterNode;
import io.github.clusterready.tomcat.runtime.Drill;
import io.github.clusterready.tomcat.runtime.LoadDrill;
import io.github.clusterready.tomcat.runtime.LoadPlan;
import io.github.clusterready.tomcat.runtime.LocalCluster;
import io.github.clusterready.tomcat.runtime.ReplicationProblem;
import io.github.clusterready.tomcat.runtime.ReplicationReport;
import io.github.clusterready.tomcat.runtime.RunParameters;
import io.github.clusterready.tomcat.runtime.RunSummary;
import io.github.clusterready.tomcat.runtime.RuntimeClusterException;
import io.github.clusterready.tomcat.runtime.Scenario;
import io.github.clusterready.tomcat.runtime.ScenarioStep;
import io.github.clusterready.tomcat.runtime.TomcatDistribution;
import io.github.clusterready.tomcat.session.SessionClassesException;
import io.github.clusterready.tomcat.war.WarException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * What the goals that run the project's WAR in a local cluster share ({@code run}, {@code start}, {@code stop}):
 * the WAR, the nodes, the Tomcat distribution (resolved through Maven, so mirrors, proxies and offline mode work),
 * the scenario, and the replication report.
 */
abstract class AbstractRunMojo extends AbstractClusterMojo {
    /** Where each scenario response body is kept, under the report directory. */
    static final String RESPONSES = "responses";
    /** How long the nodes may take to agree once the scenario and the tests are done. */
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(5);
    /** The project property listing every node's URL, comma-separated. */
    static final String URLS_PROPERTY = "tomcat-cluster.urls";

    /**
     * The WAR the nodes serve; by default the one maven-war-plugin builds: the file war:war attached to the project
     * (whatever its {@code <warName>}), else {@code ${project.build.directory}/${project.build.finalName}.war}.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.warFile")
    File warFile;

    /**
     * The webapp's context path on every node: {@code /shop}, or {@code /} for the root. By default the path Tomcat
     * gives the WAR's file name: {@code /shop} for {@code shop.war}, {@code /} for {@code ROOT.war}, {@code /a/b} for
     * {@code a#b.war}.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.contextPath")
    String contextPath;

    /**
     * How many nodes to start when {@code <nodes>} is not configured (named node1, node2, …). With {@code <nodes>},
     * one node each, with its name; every node runs on 127.0.0.1 with free ports, whatever hosts and ports
     * {@code <nodes>} gives for production.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.nodeCount", defaultValue = "2")
    int nodeCount;

    /**
     * How long a node may take to start, in seconds, before the goal gives up and stops the nodes.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.startTimeout", defaultValue = "120")
    int startTimeout;

    /**
     * More arguments for each node's JVM, e.g. {@code <jvmArgument>-Xmx512m</jvmArgument>}.
     *
     * @since 1.0.0
     */
    @Parameter
    List<String> jvmArguments;

    /**
     * The built-in scenario, replayed once the cluster serves as one browser would (one cookie jar): each
     * {@code <request>} has {@code <method>} (GET by default), {@code <path>} under the webapp, optional form
     * {@code <parameters>}, and {@code <node>} ({@code node1}, {@code same}, {@code other}; by default the next node
     * in turn), {@code <followRedirects>} (true: on the same node), {@code <extracts>} (values from the response,
     * used as {@code ${name}} in later paths and parameters), {@code <expect>} ({@code <status>}, {@code <contains>},
     * {@code <notContains>}; by default a status below 400) and {@code <group>} (sent at once with its neighbours
     * of the same group). A {@code <kill>} or {@code <restart>} ({@code last} or a node's name) instead of a path
     * kills or restarts a node, and the verdict after a kill names lost sessions and updates. A response that does
     * not meet its expectation is a problem of the report; each response body is kept under
     * {@code target/tomcat-cluster/responses/}. See docs/run.md, "Scenario":
     *
     * <pre>
     * &lt;requests&gt;
     *   &lt;request&gt;&lt;method&gt;POST&lt;/method&gt;&lt;path&gt;/login&lt;/path&gt;
     *     &lt;parameters&gt;&lt;user&gt;ann&lt;/user&gt;&lt;/parameters&gt;&lt;/request&gt;
     *   &lt;request&gt;&lt;path&gt;/cart&lt;/path&gt;
     *     &lt;expect&gt;&lt;contains&gt;ann&lt;/contains&gt;&lt;/expect&gt;&lt;/request&gt;
     *   &lt;request&gt;&lt;kill&gt;last&lt;/kill&gt;&lt;/request&gt;
     *   &lt;request&gt;&lt;path&gt;/cart&lt;/path&gt;
     *     &lt;expect&gt;&lt;contains&gt;ann&lt;/contains&gt;&lt;/expect&gt;&lt;/request&gt;
     * &lt;/requests&gt;
     * </pre>
     *
     * @since 1.0.0
     */
    @Parameter
    List<Request> requests;

    /**
     * The failover drill under load: {@code <users>} simulated users (10 by default) replay the request steps of
     * {@code <requests>} at once, again and again, each pass a new session, for at most {@code <requests>}
     * requests in all or {@code <seconds>} (60 by default), while the nodes are killed and restarted in turn,
     * {@code <kills>} times (once each by default), evenly spread. Each kill falls between two requests of every
     * user; what it lost (sessions, updates) is in the report with the drill's summary (requests, requests per
     * second, sessions, kills). The steps of {@code <requests>} may not kill or restart nodes themselves then. See
     * docs/run.md, "The drill under load":
     *
     * <pre>
     * &lt;load&gt;
     *   &lt;users&gt;20&lt;/users&gt;&lt;seconds&gt;120&lt;/seconds&gt;&lt;kills&gt;4&lt;/kills&gt;
     * &lt;/load&gt;
     * </pre>
     *
     * @since 1.0.0
     */
    @Parameter
    Load load;

    /**
     * Where each node's {@code CATALINA_BASE} (with its logs) and configuration go.
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.directory}/tomcat-cluster/run", required = true)
    File runDirectory;

    /**
     * Where the replication report goes: {@code replication-report.txt} for people and
     * {@code TEST-tomcat-cluster-replication.xml} for CI servers.
     *
     * @since 1.0.0
     */
    @Parameter(defaultValue = "${project.build.directory}/tomcat-cluster", required = true)
    File reportDirectory;

    /**
     * Fails the build when the replication report names a problem; {@code false} logs the problems as warnings.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnReplicationProblem", defaultValue = "true")
    boolean failOnReplicationProblem;

    /**
     * Fails the build when no request stored an attribute in a session: the report would prove nothing (a scenario
     * of 404s, tests that never logged in). {@code false} only warns.
     *
     * @since 1.0.0
     */
    @Parameter(property = "tomcat-cluster.failOnNothingProven", defaultValue = "true")
    boolean failOnNothingProven;

    /**
     * Problems the project knows of and accepts: each {@code <acceptedProblem>} has the report word of its
     * {@code <cause>} ({@code shared-object}), the {@code <attribute>} ({@code *} for any) and the {@code <reason>}.
     * The report keeps them, marked accepted, and they do not fail the build.
     *
     * @since 1.0.0
     */
    @Parameter
    List<AcceptedProblem> acceptedProblems;

    @Component
    RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
    List<RemoteRepository> remoteRepositories;

    /** This goal's execution, whose configuration holds {@code <requests>} as written (see {@link ScenarioSteps}). */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    MojoExecution mojoExecution;

    /**
     * The WAR the nodes serve: {@code <warFile>}, else the first place the WAR this project builds is found at, else
     * the first place it is looked for (which does not exist).
     */
    Path war() {
        if (warFile != null) {
            return warFile.toPath();
        }
        ProjectWar own = ProjectWar.of(project);
        return own.find().orElse(own.first());
    }

    @Override
    String work() {
        return "lay out, start or reach the nodes in " + shown(runDirectory.toPath());
    }

    /** Starts the cluster: checks the parameters, resolves and unpacks Tomcat, starts each node, logs its URL. */
    LocalCluster startCluster() throws ClusterConfigException, RuntimeClusterException, SessionClassesException,
            WarException, DescriptorException, IOException, InterruptedException {
        Optional<Path> found = findWar(warFile, "serve");
        if (!found.isPresent()) {
            throw new RuntimeClusterException(RunParameters.noWar(goal(), null,
                    ProjectWar.of(project).lookedAt(this::shown)));
        }
        Path war = found.get();
        String path = RunParameters.contextPath(contextPath, war.getFileName().toString());
        // The user's mistakes first, before Tomcat is resolved (perhaps downloaded) and unpacked.
        List<String> names = RunParameters.nodeNames(nodeNames(), nodeCount);
        Duration timeout = RunParameters.startTimeout(startTimeout);
        scenario().check("<requests>", names);
        loadPlan(names);
        long started = System.nanoTime();
        LineChoice choice = lineChoice(new LineChoice.War(war, shown(war), warFile != null
                && !ProjectWar.of(project).isOneOf(warFile)));
        getLog().info(choice.toString());
        RunParameters.checkJava(choice.line(), javaRelease());
        ClusterSettings.Builder builder = settingsBuilder(choice.line());
        String release = choice.release();
        Path home = TomcatDistribution.unpack(resolveDistribution(release), reportDirectory.toPath()
                .resolve("tomcat"), release);
        LocalCluster.Options options = new LocalCluster.Options().home(home).war(war)
                .contextPath(path).directory(runDirectory.toPath()).nodeNames(names).settings(builder)
                .jvmArguments(jvmArguments == null ? Collections.<String>emptyList() : jvmArguments)
                .startTimeout(timeout);
        LocalCluster cluster = LocalCluster.start(options, getLog()::info);
        getLog().info(RunSummary.serving(cluster, release, shown(war), System.nanoTime() - started));
        return cluster;
    }

    private List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (Node node : configuredNodes()) {
            names.add(node.name);
        }
        return names;
    }

    private Path resolveDistribution(String release) throws RuntimeClusterException {
        ArtifactRequest request = new ArtifactRequest(
                new DefaultArtifact("org.apache.tomcat", "tomcat", "tar.gz", release), remoteRepositories, null);
        try {
            return repositorySystem.resolveArtifact(repositorySession, request).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new RuntimeClusterException(TomcatDistribution.unresolved(release, e.getMessage()), e);
        }
    }

    /** The scenario of {@code <requests>}, its steps as the POM gives them; checked when the cluster starts. */
    Scenario scenario() throws RuntimeClusterException {
        List<ScenarioStep> steps = new ArrayList<>();
        List<Request> given = requests == null ? Collections.<Request>emptyList() : requests;
        Xpp3Dom configuration = mojoExecution == null ? null : mojoExecution.getConfiguration();
        Xpp3Dom written = configuration == null ? null : configuration.getChild("requests");
        for (int i = 0; i < given.size(); i++) {
            steps.add(ScenarioSteps.of(given.get(i), written == null || written.getChildCount() != given.size()
                    ? null : written.getChild(i), "<requests> request " + (i + 1)));
        }
        return new Scenario(steps);
    }

    /** The plan of {@code <load>}, checked against the nodes and the scenario; null without {@code <load>}. */
    LoadPlan loadPlan(List<String> names) throws RuntimeClusterException {
        return load == null ? null : LoadPlan.of("<load>", load.users, load.requests, load.seconds, load.kills,
                names, scenario());
    }

    /**
     * Replays {@code <requests>}, if any, logging each outcome, with kills and restarts done on the cluster (or,
     * with {@code <load>}, runs the load drill on them); the responses that did not meet their expectations and
     * what the kills lost go into the report, and are returned.
     */
    List<ReplicationProblem> replay(LocalCluster cluster, ReplicationReport report)
            throws RuntimeClusterException, IOException, InterruptedException {
        Scenario scenario = scenario();
        if (scenario.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> names = new ArrayList<>();
        for (ClusterNode node : cluster.nodes()) {
            names.add(node.name());
        }
        LoadPlan plan = loadPlan(names);
        if (plan != null) {
            int before = report.problems().size();
            new LoadDrill(cluster, report, getLog()::info).run(scenario, plan, reportDirectory.toPath()
                    .resolve(RESPONSES));
            List<ReplicationProblem> problems = report.problems();
            return new ArrayList<>(problems.subList(before, problems.size()));
        }
        try {
            Drill drill = new Drill(cluster, report, getLog()::info);
            Scenario.Run run = scenario.replay(cluster.nodes(), reportDirectory.toPath().resolve(RESPONSES), drill,
                    outcome -> {
                        if (outcome.failure == null) {
                            getLog().info("Scenario: " + outcome);
                        } else {
                            getLog().warn("Scenario: " + outcome);
                        }
                    });
            List<ReplicationProblem> found = new ArrayList<>(drill.problems());
            for (ReplicationProblem problem : run.problems) {
                report.record(problem);
                found.add(problem);
            }
            return found;
        } catch (RuntimeClusterException e) {
            throw new RuntimeClusterException("The scenario (<requests>) failed: " + e.getMessage(), e);
        }
    }

    /** Where {@code start} keeps its report for {@code stop}, in the plugin context the goals of a project share. */
    private String reportKey() {
        return ReplicationReport.class.getName() + "@" + runDirectory.getAbsolutePath();
    }

    /** Keeps {@code start}'s report (with what its scenario found) for {@code stop}. */
    @SuppressWarnings("unchecked")
    void keepReport(ReplicationReport report) {
        Map<Object, Object> context = getPluginContext();
        if (context != null) {
            context.put(reportKey(), report);
        }
    }

    /**
     * The report of what the probes saw (the one {@code start} kept, else a new one), compared with what each node
     * holds once replication has settled; the nodes still run.
     */
    ReplicationReport settledReport(LocalCluster cluster)
            throws IOException, InterruptedException, RuntimeClusterException {
        Map<?, ?> context = getPluginContext();
        Object kept = context == null ? null : context.remove(reportKey());
        ReplicationReport report = kept instanceof ReplicationReport ? (ReplicationReport) kept : newReport(cluster);
        recordDeaths(report, cluster);
        report.collect();
        report.compareSettled(cluster, SETTLE_PATIENCE);
        return report;
    }

    /** A new report on the cluster's nodes, with the project's accepted problems. */
    ReplicationReport newReport(LocalCluster cluster) throws RuntimeClusterException {
        ReplicationReport report = new ReplicationReport(cluster.nodes(),
                cluster.settings().manager() == ClusterSettings.Manager.DELTA);
        report.explainLosses(cluster.settings());
        report.accept(acceptances());
        return report;
    }

    /** {@code <acceptedProblems>} as the report takes them. */
    List<Acceptance> acceptances() throws RuntimeClusterException {
        List<Acceptance> acceptances = new ArrayList<>();
        List<AcceptedProblem> entries = acceptedProblems == null ? Collections.<AcceptedProblem>emptyList()
                : acceptedProblems;
        for (int i = 0; i < entries.size(); i++) {
            AcceptedProblem entry = entries.get(i);
            acceptances.add(Acceptance.of(entry.cause, entry.attribute, entry.reason,
                    "<acceptedProblems><acceptedProblem> " + (i + 1)));
        }
        return acceptances;
    }

    /** Notes in the report each node that ended while the cluster ran although nobody stopped it. */
    static void recordDeaths(ReplicationReport report, LocalCluster cluster) throws IOException {
        for (ClusterNode node : cluster.endedNodes()) {
            report.nodeDied(node, node.exitCode(), LocalCluster.logTail(node, 5));
        }
    }

    /**
     * Logs every problem, writes the report, and fails the build for problems that are not accepted, or when the
     * run proved nothing (no request stored a session attribute), unless told not to. The problems reach the log
     * first, so that a report that cannot be written loses none of them.
     */
    void finish(ReplicationReport report, LocalCluster cluster)
            throws RuntimeClusterException, MojoExecutionException {
        for (ReplicationProblem problem : report.problems()) {
            if (problem.accepted()) {
                getLog().info(problem.toString());
            } else {
                getLog().warn(problem.toString());
            }
        }
        Path written = null;
        IOException notWritten = null;
        try {
            written = report.write(reportDirectory.toPath(), RunSummary.reportTitle(cluster, shown(war())));
        } catch (IOException e) {
            notWritten = e;
        }
        String summary = RunSummary.reportLine(written != null ? shown(written) : "(not written: " + notWritten + ")",
                report);
        if (!report.failures().isEmpty()) {
            if (failOnReplicationProblem) {
                throw new RuntimeClusterException(RunSummary.failing(summary));
            }
            getLog().warn(summary);
        } else if (!report.exercise().touchedASession()) {
            if (failOnNothingProven) {
                throw new RuntimeClusterException(RunSummary.provedNothing(summary));
            }
            getLog().warn(summary);
        } else {
            getLog().info(summary);
        }
        if (notWritten != null) {
            throw new MojoExecutionException("Cannot write the replication report in " + shown(reportDirectory
                    .toPath()) + " (" + notWritten + "); its findings are in the log above", notWritten);
        }
    }

    /** The running JVM's release: 8 for {@code 1.8}, 17 for {@code 17}. */
    static int javaRelease() {
        String version = System.getProperty("java.specification.version", "8");
        return Integer.parseInt(version.startsWith("1.") ? version.substring(2) : version.split("\\.")[0]);
    }
}
