<%@ taglib prefix="s" uri="/struts-tags" %>
<html><body>
<p>Order <s:property value="order.number"/> placed: <s:property value="order.quantity"/> x <s:property value="order.item"/></p>
</body></html>
