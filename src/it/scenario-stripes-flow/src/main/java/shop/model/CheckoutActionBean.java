package shop.model;

import java.util.List;

import net.sourceforge.stripes.action.DefaultHandler;
import net.sourceforge.stripes.action.ForwardResolution;
import net.sourceforge.stripes.action.Resolution;
import net.sourceforge.stripes.action.UrlBinding;
import shop.AbstractActionBean;

/** The checkout: it reads the cart model from the session, with this request's own context. */
@UrlBinding("/Checkout.action")
public class CheckoutActionBean extends AbstractActionBean {
    private static final long serialVersionUID = 1L;

    private List<String> items;
    private String total;

    @DefaultHandler
    public Resolution confirm() {
        Cart cart = CartActionBean.cart(context.getRequest().getSession());
        items = cart.getItems();
        total = total(items.size());
        return new ForwardResolution("/WEB-INF/checkout.jsp");
    }

    public List<String> getItems() {
        return items;
    }

    public String getTotal() {
        return total;
    }
}
