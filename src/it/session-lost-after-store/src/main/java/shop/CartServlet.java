package shop;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@WebServlet("/cart")
public class CartServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        Map<String, Integer> prices = new HashMap<>();
        prices.put("tea", 3);
        session.setAttribute("products", prices.keySet()); // line 21: a HashMap$KeySet
        List<Object> cart = new ArrayList<>();
        session.setAttribute("cart", cart);
        cart.add(new GiftWrap("red")); // line 24: changed after it was stored
        Customer customer = new Customer();
        customer.name = "ann"; // line 26: a field of a superclass that is not Serializable
        session.setAttribute("customer", customer);
        response.getWriter().print("stored");
    }
}
