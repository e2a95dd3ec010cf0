package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@WebServlet("/preference")
public class PreferenceServlet extends HttpServlet {
    private final Map<String, Object> defaults = new HashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.getSession().setAttribute("preference", defaults.get(request.getParameter("name"))); // line 18
        request.getSession().setAttribute("recent", List.of(request.getParameter("name"))); // line 19
        request.getSession().setAttribute("name", request.getParameter("name"));
        response.getWriter().print("ok");
    }
}
