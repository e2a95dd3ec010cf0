package shop;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

/** Counts the visits of one session; declared in web.xml, as a Servlet 4.0 (javax) webapp may. */
public class CountServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        Visits visits = (Visits) session.getAttribute("visits");
        if (visits == null) {
            visits = new Visits();
        }
        visits.count++;
        // stored again after every change, so the cluster replicates it
        session.setAttribute("visits", visits);
        response.getWriter().print("count=" + visits.count);
    }
}
