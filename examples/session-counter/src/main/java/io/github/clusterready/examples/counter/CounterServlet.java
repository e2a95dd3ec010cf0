package io.github.clusterready.examples.counter;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Counts the visits of the current HTTP session and reports which node answered.
 *
 * <p>Response body: {@code count=3 node=<jvmRoute, else hostname:port> session=<id>}: the node differs between
 * two Tomcats on one host too, so that a failover shows.
 */
@WebServlet("/count")
public class CounterServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String COUNTER_ATTRIBUTE = "counter";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        int count;
        synchronized (this) {
            VisitCounter counter = (VisitCounter) session.getAttribute(COUNTER_ATTRIBUTE);
            if (counter == null) {
                counter = new VisitCounter();
            }
            count = counter.increment();
            // Set the attribute again on every change: session replication (e.g. Tomcat's
            // DeltaManager) only notices modifications made through setAttribute().
            session.setAttribute(COUNTER_ATTRIBUTE, counter);
        }

        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().println("count=" + count + " node=" + nodeName(request) + " session=" + session.getId());
    }

    /**
     * The Tomcat {@code jvmRoute} if one is configured (as the {@code jvmRoute} system property,
     * which Tomcat's Engine also reads), otherwise the host name and the port that took the request.
     */
    private static String nodeName(HttpServletRequest request) {
        String jvmRoute = System.getProperty("jvmRoute");
        if (jvmRoute != null && !jvmRoute.isEmpty()) {
            return jvmRoute;
        }
        try {
            return InetAddress.getLocalHost().getHostName() + ":" + request.getLocalPort();
        } catch (UnknownHostException e) {
            String hostname = System.getenv("HOSTNAME");
            return (hostname != null && !hostname.isEmpty() ? hostname : "unknown") + ":" + request.getLocalPort();
        }
    }
}
