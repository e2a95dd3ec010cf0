package shop.sessionbean;

import java.util.ArrayList;
import java.util.List;

import net.sourceforge.stripes.action.DefaultHandler;
import net.sourceforge.stripes.action.ForwardResolution;
import net.sourceforge.stripes.action.Resolution;
import net.sourceforge.stripes.action.SessionScope;
import net.sourceforge.stripes.action.UrlBinding;
import shop.AbstractActionBean;

/** The cart as a session-scoped ActionBean: Stripes keeps the bean itself in the session, under its binding. */
@SessionScope
@UrlBinding("/Cart.action")
public class CartActionBean extends AbstractActionBean {
    private static final long serialVersionUID = 1L;

    private final List<String> items = new ArrayList<String>();
    private String item;

    @DefaultHandler
    public Resolution view() {
        return new ForwardResolution("/WEB-INF/cart.jsp");
    }

    public Resolution addItem() {
        items.add(item);
        return new ForwardResolution("/WEB-INF/cart.jsp");
    }

    public void setItem(String item) {
        this.item = item;
    }

    public List<String> getItems() {
        return items;
    }

    public String getTotal() {
        return total(items.size());
    }
}
