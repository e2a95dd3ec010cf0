package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** Counts the visits of one session: GET or POST /count adds one to its Visits, stores them again, answers count=N. */
@WebServlet("/count")
public class CountServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }

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
