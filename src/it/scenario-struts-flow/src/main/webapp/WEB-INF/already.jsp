<%@ taglib prefix="s" uri="/struts-tags" %>
<html><body>
<p>Order <s:property value="#session.order.number"/> was placed already: <s:property value="#session.order.quantity"/> x <s:property value="#session.order.item"/></p>
</body></html>
