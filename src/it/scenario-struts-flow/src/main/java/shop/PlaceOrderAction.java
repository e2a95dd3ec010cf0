package shop;

import java.util.Map;

import org.apache.struts2.interceptor.SessionAware;

import com.opensymphony.xwork2.ActionSupport;

/** The order form (input) and its submit (execute): the order goes into the session map, as Struts users do. */
public class PlaceOrderAction extends ActionSupport implements SessionAware {
    private static final long serialVersionUID = 1L;

    private Map<String, Object> session;
    private String item;
    private int quantity;
    private Order order;

    @Override
    public void setSession(Map<String, Object> session) {
        this.session = session;
    }

    public String input() {
        return INPUT;
    }

    @Override
    public String execute() {
        Order last = (Order) session.get("order");
        order = new Order(last == null ? 1 : last.getNumber() + 1, item, quantity);
        session.put("order", order);
        return SUCCESS;
    }

    public void setItem(String item) {
        this.item = item;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    public Order getOrder() {
        return order;
    }
}
