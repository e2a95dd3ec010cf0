package shop.sessionbean;

import java.util.List;

import net.sourceforge.stripes.action.DefaultHandler;
import net.sourceforge.stripes.action.ForwardResolution;
import net.sourceforge.stripes.action.Resolution;
import net.sourceforge.stripes.action.UrlBinding;
import shop.AbstractActionBean;

/** The checkout: it finds the session-scoped cart in the session, as JPetStore's OrderActionBean does. */
@UrlBinding("/Checkout.action")
public class CheckoutActionBean extends AbstractActionBean {
    private static final long serialVersionUID = 1L;

    private List<String> items;
    private String total;

    @DefaultHandler
    public Resolution confirm() {
        CartActionBean cart = (CartActionBean) context.getRequest().getSession().getAttribute("/Cart.action");
        items = cart.getItems();
        total = cart.getTotal();
        return new ForwardResolution("/WEB-INF/checkout.jsp");
    }

    public List<String> getItems() {
        return items;
    }

    public String getTotal() {
        return total;
    }
}
