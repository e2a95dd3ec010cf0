package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

@WebServlet("/count")
public class CounterServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        VisitCounter counter = (VisitCounter) session.getAttribute("counter");
        if (counter == null) {
            counter = new VisitCounter();
        }
        counter.visit(request.getRequestURI());
        session.setAttribute("counter", counter);
        session.setAttribute("user", request.getRemoteUser());
        response.getWriter().print(counter.visits());
    }
}
