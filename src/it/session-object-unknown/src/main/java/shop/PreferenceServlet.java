package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

@WebServlet("/preference")
public class PreferenceServlet extends HttpServlet {
    private final Map<String, Object> defaults = new HashMap<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object preference = defaults.get(request.getParameter("name"));
        request.getSession().setAttribute("preference", preference); // line 18
        response.getWriter().print("ok");
    }
}
