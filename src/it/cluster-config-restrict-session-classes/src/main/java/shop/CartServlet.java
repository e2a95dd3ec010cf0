package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

@WebServlet("/cart")
public class CartServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        Cart cart = (Cart) session.getAttribute("cart");
        if (cart == null) {
            cart = request.getParameter("gift") != null ? new GiftCart() : new Cart();
        }
        cart.add(request.getParameter("item"));
        session.setAttribute("cart", cart);
        Integer visits = (Integer) session.getAttribute("visits");
        session.setAttribute("visits", visits == null ? 1 : visits + 1);
        Object order = request.getAttribute("order"); // a shop.model class, which <allowedSessionClasses> covers
        session.setAttribute("lastOrder", order); // line 24
        response.getWriter().print("ok");
    }
}
