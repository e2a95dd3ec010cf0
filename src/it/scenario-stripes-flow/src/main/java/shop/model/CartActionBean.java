package shop.model;

import java.util.List;

import javax.servlet.http.HttpSession;

import net.sourceforge.stripes.action.DefaultHandler;
import net.sourceforge.stripes.action.ForwardResolution;
import net.sourceforge.stripes.action.Resolution;
import net.sourceforge.stripes.action.UrlBinding;
import shop.AbstractActionBean;

/** The cart page, a bean of the request: the cart is a model object, set into the session after every change. */
@UrlBinding("/Cart.action")
public class CartActionBean extends AbstractActionBean {
    private static final long serialVersionUID = 1L;

    private String item;
    private Cart cart;

    @DefaultHandler
    public Resolution view() {
        cart = cart(context.getRequest().getSession());
        return new ForwardResolution("/WEB-INF/cart.jsp");
    }

    public Resolution addItem() {
        HttpSession session = context.getRequest().getSession();
        cart = cart(session);
        cart.add(item);
        session.setAttribute("cart", cart);
        return new ForwardResolution("/WEB-INF/cart.jsp");
    }

    static Cart cart(HttpSession session) {
        Cart cart = (Cart) session.getAttribute("cart");
        return cart == null ? new Cart() : cart;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public List<String> getItems() {
        return cart.getItems();
    }

    public String getTotal() {
        return total(cart.getItems().size());
    }
}
