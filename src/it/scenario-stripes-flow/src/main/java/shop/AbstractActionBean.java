package shop;

import java.io.Serializable;

import net.sourceforge.stripes.action.ActionBean;
import net.sourceforge.stripes.action.ActionBeanContext;

/** The base of the shop's beans, as Stripes applications (JPetStore's among them) write it. */
public abstract class AbstractActionBean implements ActionBean, Serializable {
    private static final long serialVersionUID = 1L;

    /** Holds the request: not Serializable; Stripes sets it on every request it sends to this bean. */
    protected transient ActionBeanContext context;

    @Override
    public ActionBeanContext getContext() {
        return context;
    }

    @Override
    public void setContext(ActionBeanContext context) {
        this.context = context;
    }

    /** A setting of the shop, from the web.xml's context parameters. */
    protected String setting(String name) {
        return context.getServletContext().getInitParameter(name);
    }

    /** What the items cost: 3 each, in the shop's currency. */
    protected String total(int items) {
        return (3 * items) + ".00 " + setting("shop.currency");
    }
}
