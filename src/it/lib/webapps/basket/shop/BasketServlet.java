package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The replication problem of the run ITs: GET /basket stores a list in the session on the first request and only
 * changes it in place after that, so the node that did not serve the change keeps the old basket; answers basket=N.
 */
@WebServlet("/basket")
public class BasketServlet extends HttpServlet {
    @Override
    @SuppressWarnings("unchecked")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        List<String> basket = (List<String>) session.getAttribute("basket");
        if (basket == null) {
            basket = new ArrayList<>();
            session.setAttribute("basket", basket);
        } else {
            // changed in place, never stored again: the other node keeps the old basket
            basket.add("item");
        }
        response.getWriter().print("basket=" + basket.size());
    }
}
